package io.ferrite.core.acl;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AclTest {
    private final Ferrite engine = Ferrite.newBuilder().build();
    private final Session admin = engine.newSession();

    private static String text(Reply r) { return r.text(); }

    private Session as(String user, String password) {
        Session s = engine.newSession();
        assertEquals("OK", text(s.call("AUTH", user, password)));
        return s;
    }

    @Test
    void defaultUserIsUnrestrictedUntilChanged() {
        assertTrue(engine.acl().defaultUser().permissions().unrestricted());
        admin.call("ACL", "SETUSER", "default", "-flushall");
        assertFalse(engine.acl().defaultUser().permissions().unrestricted());
        assertEquals("NOPERM this user has no permissions to run the 'flushall' command",
                text(admin.call("FLUSHALL")));
        admin.call("ACL", "SETUSER", "default", "+@all");
        assertTrue(engine.acl().defaultUser().permissions().unrestricted());
        assertEquals("OK", text(admin.call("FLUSHALL")));
    }

    @Test
    void keyPatternsSeparateReadsFromWrites() {
        admin.call("ACL", "SETUSER", "rw", "on", ">pw", "+@all", "%R~r:*", "%W~w:*", "~both:*");
        Session s = as("rw", "pw");
        String keys = "NOPERM this user has no permissions to access one of the keys used as arguments";
        assertNull(text(s.call("GET", "r:1")));
        assertEquals(keys, text(s.call("SET", "r:1", "v")));
        assertEquals(keys, text(s.call("GET", "w:1")));
        // As Redis's key specs say: SET only writes its key, INCR and SET ... GET read it too.
        assertEquals("OK", text(s.call("SET", "w:1", "1")));
        assertEquals(keys, text(s.call("INCR", "w:1")));
        assertEquals(keys, text(s.call("SET", "w:1", "2", "GET")));
        assertEquals(1, s.call("EXISTS", "w:1").asLong());
        assertEquals("OK", text(s.call("SET", "both:1", "v")));
        assertEquals(keys, text(s.call("MGET", "both:1", "other")));
        assertEquals("rw", text(s.call("ACL", "WHOAMI")));
    }

    @Test
    void channelsAndPatternsAreChecked() {
        admin.call("ACL", "SETUSER", "sub", "on", "nopass", "+@all", "~*", "resetchannels", "&news.*");
        Session s = as("sub", "x");
        String channels = "NOPERM this user has no permissions to access one of the channels used as arguments";
        assertEquals(channels, text(s.call("PUBLISH", "sports", "x")));
        assertEquals(0, s.call("PUBLISH", "news.today", "x").asLong());
        assertEquals(channels, text(s.call("PSUBSCRIBE", "news.a*")));
        assertFalse(s.call("PSUBSCRIBE", "news.*").isError());
    }

    @Test
    void execRechecksQueuedCommands() {
        admin.call("ACL", "SETUSER", "tx", "on", ">pw", "+@all", "~*");
        Session s = as("tx", "pw");
        assertEquals("OK", text(s.call("MULTI")));
        assertEquals("QUEUED", text(s.call("SET", "a", "1")));
        admin.call("ACL", "SETUSER", "tx", "-set");
        List<String> results = s.call("EXEC").texts();
        assertEquals(1, results.size());
        assertTrue(results.get(0).startsWith("NOPERM ACLs rules changed between the moment the transaction"));
        assertNull(text(admin.call("GET", "a")));
    }

    @Test
    void scriptsRunAsTheirCaller() {
        admin.call("ACL", "SETUSER", "lua", "on", ">pw", "+eval", "+get", "~k*");
        Session s = as("lua", "pw");
        Reply denied = s.call("EVAL", "return redis.call('set', 'k', 'v')", "0");
        assertTrue(denied.text().startsWith("ERR The user executing the script can't run this command or subcommand"));
        assertEquals(List.of("1", "0"), s.call("EVAL",
                "return {redis.acl_check_cmd('get', 'k1') and 1 or 0, redis.acl_check_cmd('get', 'x') and 1 or 0}",
                "0").texts());
        Reply log = admin.call("ACL", "LOG", "1");
        assertEquals(1, log.elements().size());
        List<String> entry = log.elements().get(0).texts();
        assertEquals("lua", entry.get(entry.indexOf("context") + 1));
        assertEquals("set", entry.get(entry.indexOf("object") + 1));
    }

    @Test
    void requirepassSetsTheDefaultPassword() {
        assertEquals("OK", text(admin.call("CONFIG", "SET", "requirepass", "s3cret")));
        Session fresh = engine.newSession();
        assertEquals("NOAUTH Authentication required.", text(fresh.call("GET", "a")));
        assertEquals("WRONGPASS invalid username-password pair or user is disabled.",
                text(fresh.call("AUTH", "nope")));
        assertEquals("OK", text(fresh.call("AUTH", "s3cret")));
        assertEquals("OK", text(admin.call("CONFIG", "SET", "requirepass", "")));
        assertEquals(List.of("on", "nopass"), admin.call("ACL", "GETUSER", "default").elements().get(1).texts());
        assertFalse(engine.newSession().call("GET", "a").isError());
    }

    @Test
    void requirepassFromTheBuilder() {
        Ferrite locked = Ferrite.newBuilder().config("requirepass", "pw").build();
        Session s = locked.newSession();
        assertTrue(s.call("PING").isError());
        assertEquals("OK", text(s.call("AUTH", "default", "pw")));
        assertEquals("PONG", text(s.call("PING")));
        locked.close();
    }

    @Test
    void deletedUserLosesItsPermissions() {
        admin.call("ACL", "SETUSER", "gone", "on", ">pw", "+@all", "~*", "&*");
        Session s = as("gone", "pw");
        assertEquals(1, admin.call("ACL", "DELUSER", "gone").asLong());
        assertTrue(s.call("GET", "a").isError());
        assertEquals("OK", text(s.call("AUTH", "default", "any")));
        assertFalse(s.call("GET", "a").isError());
    }

    @Test
    void setuserIsAllOrNothing() {
        admin.call("ACL", "SETUSER", "atomic", "on", "+get");
        assertTrue(admin.call("ACL", "SETUSER", "atomic", "off", "+set", "+nosuchcommand").isError());
        List<Reply> user = admin.call("ACL", "GETUSER", "atomic").elements();
        assertEquals(List.of("on"), user.get(1).texts());
        assertEquals("-@all +get", text(user.get(5)));
    }

    @Test
    void resetRestoresTheDefaultUser() {
        admin.call("ACL", "SETUSER", "r", "on", "nopass", "+@all");
        Session s = as("r", "x");
        assertEquals("RESET", text(s.call("RESET")));
        assertEquals("default", text(s.call("ACL", "WHOAMI")));
    }

    @Test
    void authFailuresAreLoggedWithTheCommandAndUser() {
        Session s = engine.newSession();
        assertTrue(s.call("HELLO", "3", "AUTH", "nobody", "pw").isError());
        assertTrue(s.call("AUTH", "nobody", "pw").isError());
        assertTrue(s.call("AUTH", "nobody", "pw").isError());
        List<Reply> entries = admin.call("ACL", "LOG").elements();
        assertEquals(2, entries.size());
        List<String> auth = entries.get(0).texts();
        assertEquals(List.of("count", "2", "reason", "auth", "context", "toplevel", "object", "auth", "username",
                "nobody"), auth.subList(0, 10));
        assertEquals("hello", entries.get(1).texts().get(7));
        // 7.2's fields: ids in order of creation, and the grouped entry's creation and last update.
        List<String> hello = entries.get(1).texts();
        assertEquals(List.of("entry-id", "0"), hello.subList(14, 16));
        assertEquals(List.of("entry-id", "1"), auth.subList(14, 16));
        assertEquals("timestamp-last-updated", auth.get(18));
        assertTrue(Long.parseLong(auth.get(19)) >= Long.parseLong(auth.get(17)));
        assertEquals("OK", text(admin.call("ACL", "LOG", "RESET")));
        assertEquals(0, admin.call("ACL", "LOG").elements().size());
    }
}
