package io.ferrite.core;

/** Replays {@link Reply} objects into a {@link ReplySink}: how a reply built away from its client reaches the wire. */
public final class Replies {
    private Replies() {}

    /**
     * Writes {@code reply} to {@code out}. The reply was built for the session's protocol, so shapes map back one to
     * one: a RESP2 null bulk is {@code Bulk(null)}, the null array (RESP2) or null (RESP3) is {@link Reply#NULL};
     * maps, sets and pushes only exist in replies built for RESP3.
     */
    public static void write(Reply reply, ReplySink out) {
        if (reply instanceof Reply.Status s) {
            out.simple(s.value());
        } else if (reply instanceof Reply.Error e) {
            out.error(e.message());
        } else if (reply instanceof Reply.Int i) {
            out.integer(i.value());
        } else if (reply instanceof Reply.Bulk b) {
            if (b.value() == null) out.nil();
            else out.bulk(b.value());
        } else if (reply instanceof Reply.Null) {
            out.nilArray();
        } else if (reply instanceof Reply.Double d) {
            out.doubleValue(d.value());
        } else if (reply instanceof Reply.Bool b) {
            out.bool(b.value());
        } else if (reply instanceof Reply.Verbatim v) {
            out.verbatim(v.format(), v.text());
        } else if (reply instanceof Reply.Aggregate a) {
            int n = a.elements().size();
            switch (a.kind()) {
                case ARRAY -> out.array(n);
                case MAP -> out.map(n / 2);
                case SET -> out.set(n);
                case PUSH -> out.push(n);
            }
            for (Reply r : a.elements()) write(r, out);
        } else {
            throw new IllegalArgumentException("unknown reply " + reply);
        }
    }
}
