package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DEBUG and MODULE LOAD/LOADEX/UNLOAD follow enable-debug-command and enable-module-command (set at startup), as
 * Redis's protected commands do; an embedded session counts as a local connection. The network side (a loopback
 * peer is local) is compared with redis-server in the corpus.
 */
class ProtectedCommandsTest {
    private static final String DEBUG_REFUSED = "ERR DEBUG command not allowed. If the enable-debug-command option is "
            + "set to \"local\", you can run it from a local connection, otherwise you need to set this option in the "
            + "configuration file, and then restart the server.";

    private static Ferrite engine(String debug, String module) {
        return Ferrite.newBuilder().activeExpiry(false).configure(c -> {
            c.enableDebugCommand = debug;
            c.enableModuleCommand = module;
        }).build();
    }

    @Test
    void refusedBeforeAuthAndBeforeQueueing() {
        try (Ferrite f = engine("no", "no")) {
            Session s = f.newSession();
            assertEquals(DEBUG_REFUSED, s.call("DEBUG", "SLEEP", "0").text());
            assertEquals("ERR wrong number of arguments for 'debug' command", s.call("DEBUG").text(),
                    "arity is checked first");
            s.call("CONFIG", "SET", "requirepass", "secret");
            assertEquals(DEBUG_REFUSED, f.newSession().call("DEBUG", "SLEEP", "0").text(), "before NOAUTH");
            s.call("MULTI");
            assertEquals(DEBUG_REFUSED, s.call("DEBUG", "SLEEP", "0").text());
            assertEquals("EXECABORT Transaction discarded because of previous errors.", s.call("EXEC").text());
            assertEquals("ERR CONFIG SET failed (possibly related to argument 'enable-debug-command') - can't set "
                    + "immutable config", s.call("CONFIG", "SET", "enable-debug-command", "yes").text());
        }
    }

    @Test
    void localAllowsEmbeddedSessionsAndModulesStillCannotLoad() {
        try (Ferrite f = engine("local", "local")) {
            Session s = f.newSession();
            assertEquals("OK", s.call("DEBUG", "SLEEP", "0").text());
            assertEquals("ERR Error loading the extension. Please check the server logs.",
                    s.call("MODULE", "LOAD", "/nonexistent.so").text());
            assertEquals("ERR Error unloading module: no such module with that name",
                    s.call("MODULE", "UNLOAD", "x").text());
            assertEquals(List.of("enable-debug-command", "local", "enable-module-command", "local"),
                    List.of(s.call("CONFIG", "GET", "enable-debug-command", "enable-module-command").elements().stream()
                            .map(r -> r.text()).toArray()));
        }
    }
}
