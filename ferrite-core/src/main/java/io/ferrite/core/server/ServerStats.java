package io.ferrite.core.server;

import java.util.concurrent.atomic.LongAdder;

/** Counters INFO stats reports; updated by the dispatcher and the network from any thread. */
public final class ServerStats {
    public final LongAdder commandsProcessed = new LongAdder();
    public final LongAdder connectionsReceived = new LongAdder();
    public final LongAdder rejectedConnections = new LongAdder();
    public final LongAdder netInputBytes = new LongAdder();
    public final LongAdder netOutputBytes = new LongAdder();

    /** CONFIG RESETSTAT. */
    public void reset() {
        commandsProcessed.reset();
        connectionsReceived.reset();
        rejectedConnections.reset();
        netInputBytes.reset();
        netOutputBytes.reset();
    }
}
