package io.ferrite.core;

/**
 * The directions of {@code LMOVE} and {@code BLMOVE}: which end of the source list to pop from and which end of
 * the destination list to push to, e.g. {@code LMoveArgs.Builder.rightLeft()} for the RPOPLPUSH direction.
 */
public final class LMoveArgs {
    private static final byte[] LEFT = Argv.word("LEFT");
    private static final byte[] RIGHT = Argv.word("RIGHT");

    private final boolean fromLeft;
    private final boolean toLeft;

    private LMoveArgs(boolean fromLeft, boolean toLeft) {
        this.fromLeft = fromLeft;
        this.toLeft = toLeft;
    }

    public static final class Builder {
        private Builder() {}

        /** Pop the source's head, push onto the destination's head. */
        public static LMoveArgs leftLeft() { return new LMoveArgs(true, true); }
        /** Pop the source's head, push onto the destination's tail. */
        public static LMoveArgs leftRight() { return new LMoveArgs(true, false); }
        /** Pop the source's tail, push onto the destination's head (RPOPLPUSH). */
        public static LMoveArgs rightLeft() { return new LMoveArgs(false, true); }
        /** Pop the source's tail, push onto the destination's tail. */
        public static LMoveArgs rightRight() { return new LMoveArgs(false, false); }
    }

    void appendTo(Argv argv) {
        argv.add(fromLeft ? LEFT : RIGHT).add(toLeft ? LEFT : RIGHT);
    }

    @Override public String toString() {
        return "LMoveArgs[" + (fromLeft ? "LEFT" : "RIGHT") + " " + (toLeft ? "LEFT" : "RIGHT") + "]";
    }
}
