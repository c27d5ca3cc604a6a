package io.ferrite.core.server;

import io.ferrite.core.config.Config;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency monitor's series, graph and report at chosen times. The texts are redis-server 7.0's for the same
 * samples (checked with DEBUG SLEEP against it); the differential corpus compares them with masked digits.
 */
class LatencyMonitorTest {
    private final Config config = new Config(16);
    private final LatencyMonitor monitor = new LatencyMonitor(config);

    @Test
    void spikesInOneSecondKeepTheLargestAndTheRingKeepsTheLatest160() {
        monitor.add("command", 12, 1000);
        monitor.add("command", 25, 1000);
        monitor.add("command", 7, 1000);
        monitor.add("command", 5, 1001);
        assertEquals(List.of(new LatencyMonitor.Sample(1000, 25), new LatencyMonitor.Sample(1001, 5)),
                monitor.history("command"));
        LatencyMonitor.Latest latest = monitor.latest().get(0);
        assertEquals(new LatencyMonitor.Latest("command", new LatencyMonitor.Sample(1001, 5), 25), latest);

        for (int i = 0; i < 200; i++) monitor.add("command", 1, 2000 + i);
        List<LatencyMonitor.Sample> kept = monitor.history("command");
        assertEquals(LatencyMonitor.SAMPLES, kept.size());
        assertEquals(2040, kept.get(0).time());
        assertEquals(2199, kept.get(kept.size() - 1).time());
        assertEquals(25, monitor.latest().get(0).max(), "the largest spike outlives its sample");
        assertEquals(List.of(), monitor.history("fast-command"));
    }

    @Test
    void resetCountsTheEventsItForgets() {
        monitor.add("command", 3, 1);
        monitor.add("fast-command", 3, 1);
        assertEquals(1, monitor.reset(List.of("command", "command", "nosuch")));
        assertEquals(1, monitor.latest().size());
        assertEquals(1, monitor.reset(List.of()));
        assertEquals(0, monitor.reset(List.of()));
    }

    @Test
    void graphIsRedisSparklineWithLabelsWrittenDownwards() {
        assertNull(monitor.graph("command", 0));
        monitor.add("command", 25, 1000);
        monitor.add("command", 5, 1001);
        assertEquals("command - high 25 ms, low 5 ms (all time high 25 ms)\n" + "-".repeat(80) + "\n"
                + "# \n| \n| \n|_\n  \n10\nss\n", monitor.graph("command", 1001));
        // Minutes, hours and days ago; a flat series sits on the bottom row.
        LatencyMonitor flat = new LatencyMonitor(config);
        flat.add("fast-command", 4, 100);
        flat.add("fast-command", 4, 100 + 86_400 - 7200);
        flat.add("fast-command", 4, 100 + 86_400 - 90);
        assertEquals("fast-command - high 4 ms, low 4 ms (all time high 4 ms)\n" + "-".repeat(80) + "\n"
                + "   \n   \n   \n___\n   \n121\ndhm\n", flat.graph("fast-command", 100 + 86_400));
    }

    @Test
    void graphWrapsEveryEightySamples() {
        for (int i = 0; i < 100; i++) monitor.add("command", i, 1000 + i);
        String graph = monitor.graph("command", 1099);
        String[] lines = graph.split("\n", -1);
        // Title, rule, then two blocks (80 and 20 columns) of 4 graph rows, a blank row and up to 2 label rows.
        assertEquals(80, lines[2].length());
        assertTrue(graph.contains("\n\n"), "blocks are separated by an empty line");
        assertEquals(20, lines[lines.length - 2].length());
    }

    @Test
    void doctorAdvisesOnTheEventsItSaw() {
        assertTrue(monitor.doctor(0).startsWith("I'm sorry, Dave, I can't do that."));
        config.latencyMonitorThreshold = 1;
        assertTrue(monitor.doctor(0).startsWith("Dave, no latency spike was observed"));

        config.slowlogLogSlowerThan = -1;
        monitor.add("command", 20, 1000);
        monitor.add("command", 40, 1003);
        monitor.add("fast-command", 2, 1003);
        String report = monitor.doctor(1004);
        assertTrue(report.startsWith("Dave, I have observed latency spikes in this Redis instance. You don't mind "
                + "talking about it, do you Dave?\n\n"
                + "1. command: 2 latency spikes (average 30ms, mean deviation 10ms, period 2.00 sec). Worst all time "
                + "event 40ms.\n"
                + "2. fast-command: 1 latency spikes (average 2ms, mean deviation 0ms, period 1.00 sec). Worst all "
                + "time event 2ms.\n\nI have a few advices for you:\n\n"
                + "- There are latency issues with potentially slow commands you are using. Try to enable the Slow "
                + "Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than 1000'."), report);
        assertTrue(report.contains("\n- Check your Slow Log"), report);
        assertTrue(report.contains("\n- The system is slow to execute Redis code paths"), report);
        assertTrue(report.endsWith("try to fragment those objects into multiple smaller objects.\n"), report);
    }
}
