package io.ferrite.bench;

import io.ferrite.core.Session;

/**
 * A session and its reusable argument vector, one per benchmark thread, as a network connection has: commands run
 * through {@code Session.execute} without allocating. Each suite's thread state extends it with its own setup.
 */
abstract class CommandLane {
    Session session;
    final DiscardSink sink = new DiscardSink();
    final byte[][] argv = new byte[4][];

    void run(byte[] a, byte[] b) {
        argv[0] = a;
        argv[1] = b;
        session.execute(argv, 2, sink);
    }

    void run(byte[] a, byte[] b, byte[] c) {
        argv[0] = a;
        argv[1] = b;
        argv[2] = c;
        session.execute(argv, 3, sink);
    }

    void run(byte[] a, byte[] b, byte[] c, byte[] d) {
        argv[0] = a;
        argv[1] = b;
        argv[2] = c;
        argv[3] = d;
        session.execute(argv, 4, sink);
    }
}
