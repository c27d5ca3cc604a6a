package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmupTest {

    @Test
    void runsEveryCommandOnItsOwnEngineAndLeavesTheServedOneUntouched() throws Exception {
        try (Ferrite engine = Ferrite.newBuilder().build();
             FerriteServer server = FerriteServer.newBuilder(engine).port(0).loops(1).build().start()) {
            Warmup warmup = new Warmup(20_000, TimeUnit.MINUTES.toNanos(1), Duration.ofNanos(50_000));
            warmup.run();
            assertTrue(warmup.sent() >= 20_000, "ended early after " + warmup.sent() + " commands");

            Session s = engine.newSession();
            assertEquals(new Reply.Int(0), s.call("DBSIZE"));
            String stats = s.call("INFO", "stats").toString();
            assertTrue(stats.contains("total_connections_received:0\r\n"), stats);
            assertTrue(stats.contains("total_commands_processed:1\r\n"), stats); // the DBSIZE above
            assertTrue(s.call("INFO", "commandstats").toString().indexOf("cmdstat_set") < 0);
        }
    }
}
