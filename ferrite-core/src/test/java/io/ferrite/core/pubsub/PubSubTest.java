package io.ferrite.core.pubsub;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PubSubTest {
    private final Ferrite engine = Ferrite.newBuilder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void publishReachesChannelAndPatternSubscribersAndCountsReceivers() {
        Session sub = engine.newSession();
        Session psub = engine.newSession();
        Session pub = engine.newSession();
        assertEquals("array[\"subscribe\", \"news\", (integer) 1]", sub.call("SUBSCRIBE", "news").toString());
        assertEquals("array[\"psubscribe\", \"n*\", (integer) 1]", psub.call("PSUBSCRIBE", "n*").toString());
        assertEquals(2, pub.call("PUBLISH", "news", "hello").asLong());
        assertEquals(1, pub.call("PUBLISH", "nothing", "x").asLong());
        assertEquals(0, pub.call("PUBLISH", "other", "x").asLong());

        Message m = sub.pollMessage();
        assertEquals(Message.Kind.MESSAGE, m.kind());
        assertEquals("news", m.channelString());
        assertEquals("hello", m.payloadString());
        assertNull(sub.pollMessage());
        Message pm = psub.pollMessage();
        assertEquals(Message.Kind.PMESSAGE, pm.kind());
        assertEquals("n*", pm.patternString());
        assertEquals("news", pm.channelString());
        assertEquals("nothing", psub.pollMessage().channelString());
    }

    @Test
    void listenerReplacesTheQueue() {
        Session sub = engine.newSession();
        List<String> got = new ArrayList<>();
        sub.onMessage(m -> got.add(m.channelString() + "=" + m.payloadString()));
        sub.call("SUBSCRIBE", "a");
        engine.newSession().call("PUBLISH", "a", "1");
        assertEquals(List.of("a=1"), got);
        assertNull(sub.pollMessage());
    }

    @Test
    void resp2SubscribedModeAllowsOnlyPubSubCommandsAndPingAnswersAsAMessage() {
        Session s = engine.newSession();
        s.call("SUBSCRIBE", "a");
        assertEquals("(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                + "are allowed in this context", s.call("GET", "x").toString());
        assertEquals("array[\"pong\", \"\"]", s.call("PING").toString());
        assertEquals("array[\"pong\", \"hi\"]", s.call("PING", "hi").toString());
        assertEquals("array[\"unsubscribe\", \"a\", (integer) 0]", s.call("UNSUBSCRIBE").toString());
        assertEquals(new Reply.Bulk(null), s.call("GET", "x"));
        assertEquals("PONG", s.call("PING").text());
    }

    @Test
    void resp3AllowsAnyCommandWhileSubscribed() {
        Session s = engine.newSession();
        s.call("HELLO", "3");
        s.call("SUBSCRIBE", "a");
        assertEquals(Reply.NULL, s.call("GET", "x"));
        assertEquals("PONG", s.call("PING").text());
    }

    @Test
    void confirmationsCountChannelsAndPatternsButShardChannelsApart() {
        Session s = engine.newSession();
        assertEquals("array[\"unsubscribe\", (nil), (integer) 0]", s.call("UNSUBSCRIBE").toString());
        assertEquals("array[\"punsubscribe\", (nil), (integer) 0]", s.call("PUNSUBSCRIBE").toString());
        s.call("SUBSCRIBE", "a", "b");
        assertEquals("array[\"psubscribe\", \"p*\", (integer) 3]", s.call("PSUBSCRIBE", "p*").toString());
        assertEquals("array[\"ssubscribe\", \"s\", (integer) 1]", s.call("SSUBSCRIBE", "s").toString());
        assertEquals("array[\"unsubscribe\", \"zz\", (integer) 3]", s.call("UNSUBSCRIBE", "zz").toString());
        assertEquals("array[\"punsubscribe\", \"p*\", (integer) 2]", s.call("PUNSUBSCRIBE").toString());
        assertEquals("array[\"sunsubscribe\", \"s\", (integer) 0]", s.call("SUNSUBSCRIBE").toString());
    }

    @Test
    void introspectionAndReset() {
        Session a = engine.newSession();
        Session b = engine.newSession();
        Session q = engine.newSession();
        a.call("SUBSCRIBE", "x", "y");
        b.call("SUBSCRIBE", "x");
        b.call("PSUBSCRIBE", "p*", "q*");
        a.call("PSUBSCRIBE", "p*");
        b.call("SSUBSCRIBE", "s1");
        assertEquals("array[\"x\", (integer) 2, \"y\", (integer) 1, \"z\", (integer) 0]",
                q.call("PUBSUB", "NUMSUB", "x", "y", "z").toString());
        assertEquals(2, q.call("PUBSUB", "NUMPAT").asLong());
        assertEquals(2, q.call("PUBSUB", "CHANNELS").elements().size());
        assertEquals("array[\"y\"]", q.call("PUBSUB", "CHANNELS", "y*").toString());
        assertEquals("array[\"s1\", (integer) 1]", q.call("PUBSUB", "SHARDNUMSUB", "s1").toString());
        assertEquals("array[\"s1\"]", q.call("PUBSUB", "SHARDCHANNELS").toString());
        assertEquals(1, q.call("SPUBLISH", "s1", "m").asLong());
        assertEquals("smessage", b.pollMessage().kind().word);
        String info = q.call("INFO", "stats").text();
        assertTrue(info.contains("pubsub_channels:2\r\n"), info);
        assertTrue(info.contains("pubsub_patterns:2\r\n"), info);

        assertEquals("RESET", b.call("RESET").text());
        a.close();
        assertEquals(0, q.call("PUBSUB", "NUMPAT").asLong());
        assertEquals("array[]", q.call("PUBSUB", "CHANNELS").toString());
        assertEquals(0, q.call("PUBLISH", "x", "m").asLong());
        assertEquals("(error) ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.",
                q.call("PUBSUB", "CHANNELS", "a", "b").toString());
    }
}
