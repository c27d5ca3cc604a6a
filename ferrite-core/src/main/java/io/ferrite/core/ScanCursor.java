package io.ferrite.core;

/** Where a {@code SCAN} iteration stands. Start with {@link #INITIAL}; the iteration is over when {@link #isFinished()}. */
public class ScanCursor {

    /** The cursor that starts an iteration. */
    public static final ScanCursor INITIAL = new ScanCursor("0", false);

    private final String cursor;
    private final boolean finished;

    ScanCursor(String cursor, boolean finished) {
        this.cursor = cursor;
        this.finished = finished;
    }

    /** A cursor from its text, e.g. one returned by an earlier call. */
    public static ScanCursor of(String cursor) {
        return new ScanCursor(cursor, false);
    }

    public String getCursor() {
        return cursor;
    }

    /** Whether the server returned cursor 0: every key present for the whole iteration has been returned. */
    public boolean isFinished() {
        return finished;
    }
}
