package io.ferrite.core.server;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyCommandTest {
    private final Ferrite ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    private final Session s = ferrite.newSession();

    @AfterEach
    void close() {
        ferrite.close();
    }

    @Test
    void infoLatencystatsGivesTheConfiguredPercentilesOfEachCalledCommand() {
        s.call("CONFIG", "RESETSTAT");
        s.call("SET", "k", "v");
        s.call("CLIENT", "GETNAME");
        String info = s.call("INFO", "latencystats").text();
        String value = "\\d+\\.\\d{3}";
        assertTrue(info.startsWith("# Latencystats\r\n"), info);
        for (String name : List.of("set", "client\\|getname", "config\\|resetstat")) {
            assertTrue(info.matches("(?s).*\r\nlatency_percentiles_usec_" + name + ":p50=" + value + ",p99=" + value
                    + ",p99\\.9=" + value + "\r\n.*"), info);
        }
        assertEquals(4, info.split("\r\n").length, "one line per called command: " + info);
        assertTrue(!s.call("INFO").text().contains("Latencystats"), "not a default section");
        String all = s.call("INFO", "all").text();
        assertTrue(all.indexOf("# Errorstats") < all.indexOf("# Latencystats")
                && all.indexOf("# Latencystats") < all.indexOf("# Cluster"), "Redis's place in INFO all");

        s.call("CONFIG", "SET", "latency-tracking-info-percentiles", "0 100 12.5");
        info = s.call("INFO", "latencystats").text();
        assertTrue(info.matches("(?s).*\r\nlatency_percentiles_usec_set:p0=" + value + ",p100=" + value + ",p12\\.5="
                + value + "\r\n.*"), info);
        s.call("CONFIG", "SET", "latency-tracking", "no");
        assertEquals("# Latencystats\r\n", s.call("INFO", "latencystats").text(), "nothing while tracking is off");
    }

    @Test
    void histogramIsCumulativeUpToTheCalls() {
        s.call("HELLO", "3");
        for (int i = 0; i < 50; i++) s.call("SET", "k" + i, "v");
        List<Reply> all = s.call("LATENCY", "HISTOGRAM", "set", "config|get", "nosuch").elements();
        assertEquals(2, all.size());
        assertEquals("set", all.get(0).text());
        List<Reply> set = all.get(1).elements();
        assertEquals(List.of("calls", "histogram_usec"), List.of(set.get(0).text(), set.get(2).text()));
        assertEquals(50, set.get(1).asLong());
        List<Reply> buckets = set.get(3).elements();
        long previousBound = 0;
        long previousCount = 0;
        for (int i = 0; i < buckets.size(); i += 2) {
            assertTrue(buckets.get(i).asLong() > previousBound);
            assertTrue(buckets.get(i + 1).asLong() > previousCount);
            previousBound = buckets.get(i).asLong();
            previousCount = buckets.get(i + 1).asLong();
        }
        assertEquals(50, previousCount);
    }

    @Test
    void containerNameListsItsSubcommandsWithCalls() {
        s.call("CONFIG", "GET", "hz");
        s.call("CONFIG", "GET", "hz");
        List<Reply> config = s.call("LATENCY", "HISTOGRAM", "config").elements();
        assertEquals(2, config.size());
        assertEquals("config|get", config.get(0).text());
        assertEquals(2, config.get(1).elements().get(1).asLong());
    }

    @Test
    void trackingOffRecordsNothing() {
        s.call("CONFIG", "SET", "latency-tracking", "no");
        s.call("GET", "k");
        assertEquals(0, s.call("LATENCY", "HISTOGRAM", "get").elements().size());
    }

    @Test
    void noEventsObserved() {
        assertEquals(0, s.call("LATENCY", "LATEST").elements().size());
        assertEquals(0, s.call("LATENCY", "HISTORY", "command").elements().size());
        assertEquals(0, s.call("LATENCY", "RESET", "command").asLong());
        assertEquals("ERR No samples available for event 'command'", s.call("LATENCY", "GRAPH", "command").text());
        assertTrue(s.call("LATENCY", "DOCTOR").text().startsWith("I'm sorry, Dave"));
        s.call("CONFIG", "SET", "latency-monitor-threshold", "100");
        assertTrue(s.call("LATENCY", "DOCTOR").text().startsWith("Dave, no latency spike"));
    }
}
