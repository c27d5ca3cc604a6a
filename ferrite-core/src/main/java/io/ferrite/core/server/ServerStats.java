package io.ferrite.core.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters INFO stats reports; updated by the dispatcher and the network from any thread. */
public final class ServerStats {
    public final LongAdder connectionsReceived = new LongAdder();
    public final LongAdder rejectedConnections = new LongAdder();
    public final LongAdder netInputBytes = new LongAdder();
    public final LongAdder netOutputBytes = new LongAdder();

    public final LongAdder errorReplies = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();

    /** Counts an error reply under its code (the first word, as INFO errorstats groups them). */
    public void countError(String message) {
        errorReplies.increment();
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        errorsByCode.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    /** Error counts by code, sorted by code. */
    public Map<String, Long> errorCounts() {
        Map<String, Long> out = new TreeMap<>();
        errorsByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        errorReplies.reset();
        errorsByCode.clear();
        connectionsReceived.reset();
        rejectedConnections.reset();
        netInputBytes.reset();
        netOutputBytes.reset();
    }
}
