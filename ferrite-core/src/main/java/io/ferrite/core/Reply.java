package io.ferrite.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply as Java objects, what {@link Session#call} returns. Mirrors RESP3's types; a session in protocol 2
 * gets exactly the shapes a RESP2 client sees (maps flattened to arrays, doubles as bulk strings).
 */
public sealed interface Reply {

    record Status(String value) implements Reply {
        @Override public String toString() { return value; }
    }

    record Error(String message) implements Reply {
        @Override public String toString() { return "(error) " + message; }
    }

    record Int(long value) implements Reply {
        @Override public String toString() { return "(integer) " + value; }
    }

    /** A bulk string; {@code null} value stands for the null bulk string. */
    record Bulk(byte[] value) implements Reply {
        public String asString() { return value == null ? null : new String(value, StandardCharsets.UTF_8); }
        @Override public boolean equals(Object o) { return o instanceof Bulk b && java.util.Arrays.equals(value, b.value); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(value); }
        @Override public String toString() { return value == null ? "(nil)" : '"' + asString() + '"'; }
    }

    /** The RESP3 null, and RESP2's null array. */
    record Null() implements Reply {
        @Override public String toString() { return "(nil)"; }
    }

    enum AggregateKind { ARRAY, MAP, SET, PUSH }

    /** Array, map (elements alternate key, value), set or push. */
    record Aggregate(AggregateKind kind, List<Reply> elements) implements Reply {
        @Override public String toString() { return kind.name().toLowerCase() + elements; }
    }

    record Double(double value) implements Reply {
        @Override public String toString() { return "(double) " + value; }
    }

    record Bool(boolean value) implements Reply {
        @Override public String toString() { return "(boolean) " + value; }
    }

    record Verbatim(String format, String text) implements Reply {
        @Override public String toString() { return text; }
    }

    Null NULL = new Null();
    Status OK = new Status("OK");

    /** The text of a bulk, status, error or verbatim reply, or the number of an integer reply; else null. */
    default String text() {
        if (this instanceof Bulk b) return b.asString();
        if (this instanceof Status s) return s.value();
        if (this instanceof Error e) return e.message();
        if (this instanceof Verbatim v) return v.text();
        if (this instanceof Int i) return Long.toString(i.value());
        return null;
    }

    default boolean isError() { return this instanceof Error; }

    /** The elements of an aggregate reply. */
    default List<Reply> elements() {
        if (this instanceof Aggregate a) return a.elements();
        throw new IllegalStateException("not an aggregate: " + this);
    }

    /** The {@link #text()} of each element of an aggregate reply. */
    default List<String> texts() {
        return elements().stream().map(Reply::text).toList();
    }

    default long asLong() {
        if (this instanceof Int i) return i.value();
        throw new IllegalStateException("not an integer: " + this);
    }
}
