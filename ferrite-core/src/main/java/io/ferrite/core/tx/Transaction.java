package io.ferrite.core.tx;

import io.ferrite.core.command.Args;

import java.util.ArrayList;
import java.util.List;

/**
 * One session's transaction state: whether MULTI is open, the queued command lines (copies, owned here), whether a
 * queued command was rejected (EXEC then aborts), and the keys WATCHed with whether one of them changed since.
 */
public final class Transaction {
    private volatile boolean open;
    private final List<byte[][]> queued = new ArrayList<>();
    private volatile int queuedCount;
    private boolean rejected;
    /** Set by writers of a watched key, under that key's shard lock. */
    volatile boolean touched;
    /** The watched keys, each with whether it existed when watched (an expiry since then changes it too). */
    final List<WatchRegistry.WatchedKey> watched = new ArrayList<>();
    final List<Boolean> existedWhenWatched = new ArrayList<>();

    /** Inside MULTI (CLIENT LIST flag x). Readable from any thread. */
    public boolean open() { return open; }

    /** A watched key changed since WATCH: EXEC will fail (CLIENT LIST flag d). Readable from any thread. */
    public boolean watchedKeyChanged() { return touched; }

    /** CLIENT LIST's {@code multi=} field: -1 outside MULTI, else the number of queued commands. */
    public int queuedOrMinusOne() { return open ? queuedCount : -1; }

    void begin() {
        open = true;
        rejected = false;
    }

    /** Queues a copy of the command line: the network reuses its argument arrays. */
    void queue(Args args) {
        byte[][] copy = new byte[args.count()][];
        for (int i = 0; i < copy.length; i++) copy[i] = args.bytes(i).clone();
        queued.add(copy);
        queuedCount = queued.size();
    }

    /** A command was rejected while MULTI was open: EXEC will answer EXECABORT. */
    public void reject() {
        if (open) rejected = true;
    }

    boolean rejected() { return rejected; }

    /** Ends MULTI and hands over the queue. */
    List<byte[][]> end() {
        List<byte[][]> commands = new ArrayList<>(queued);
        queued.clear();
        queuedCount = 0;
        open = false;
        rejected = false;
        return commands;
    }
}
