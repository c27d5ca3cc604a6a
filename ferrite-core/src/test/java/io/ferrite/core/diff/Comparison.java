package io.ferrite.core.diff;

import io.ferrite.core.Reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How a Ferrite reply is judged against Redis's reply to the same command. */
public interface Comparison {

    boolean same(Reply redis, Reply ferrite);

    /** A short tag for reports, e.g. {@code exact}. */
    String tag();

    /** The replies are equal, element by element. */
    Comparison EXACT = of("exact", Comparison::equal);

    /** Equal replies, where the reply depends on the compact encoding; see {@link CorpusFile}'s {@code @listpack}. */
    Comparison LISTPACK_EXACT = of("exact (listpack)", Comparison::equal);

    /** Aggregates are equal once their elements (map entries as pairs) are sorted; other replies must be equal. */
    Comparison SORTED = of("sorted", (r, f) -> equal(sorted(r), sorted(f)));

    /**
     * Aggregates are equal once sorted at every depth: for replies whose order is a hash table's iteration order,
     * which Redis does not define and Ferrite's tables do not share.
     */
    Comparison DEEP_SORTED = of("deep-sorted", (r, f) -> equal(deepSorted(r), deepSorted(f)));

    /**
     * Only the kind matters: error or not, the reply type (status, integer, bulk, nil, aggregate kind ...), for
     * nondeterministic replies (RANDOMKEY, SPOP, TIME ...).
     */
    Comparison KIND = of("kind", (r, f) -> kind(r).equals(kind(f)));

    /**
     * Texts (bulk, status, verbatim) equal as sorted sets of lines once every run of digits reads {@code 0}: for
     * INFO sections of measured figures listed in hash-table order (latencystats).
     */
    Comparison MASKED_LINES = of("masked lines", (r, f) -> maskedLines(r).equals(maskedLines(f)));

    /**
     * Integers within {@code tolerance} of each other when both are non-negative, else equal: remaining TTLs read
     * at slightly different moments on the two servers.
     */
    static Comparison near(long tolerance) {
        return of("near " + tolerance, (r, f) -> {
            if (r instanceof Reply.Int a && f instanceof Reply.Int b && a.value() >= 0 && b.value() >= 0) {
                return Math.abs(a.value() - b.value()) <= tolerance;
            }
            return equal(r, f);
        });
    }

    static Comparison of(String tag, java.util.function.BiPredicate<Reply, Reply> test) {
        return new Comparison() {
            @Override public boolean same(Reply redis, Reply ferrite) { return test.test(redis, ferrite); }
            @Override public String tag() { return tag; }
        };
    }

    private static boolean equal(Reply a, Reply b) {
        return a.equals(b);
    }

    /** The kind of a reply: {@code error}, {@code status}, {@code nil-bulk}, {@code array} ... */
    static String kind(Reply r) {
        if (r instanceof Reply.Aggregate a) return a.kind().name().toLowerCase();
        if (r instanceof Reply.Bulk b) return b.value() == null ? "nil-bulk" : "bulk";
        return r.getClass().getSimpleName().toLowerCase();
    }

    private static List<String> maskedLines(Reply r) {
        String text = r instanceof Reply.Bulk b && b.value() != null ? new String(b.value(), java.nio.charset.StandardCharsets.UTF_8)
                : r instanceof Reply.Verbatim v ? v.text()
                : r instanceof Reply.Status st ? st.value()
                : ReplyText.describe(r);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n")) lines.add(line.replaceAll("[0-9]+", "0"));
        lines.sort(null);
        return lines;
    }

    private static Reply sorted(Reply r) {
        if (!(r instanceof Reply.Aggregate a)) return r;
        Comparator<List<Reply>> order = Comparator.comparing(Comparison::sortKey);
        List<List<Reply>> units = new ArrayList<>();
        int width = a.kind() == Reply.AggregateKind.MAP ? 2 : 1;
        for (int i = 0; i + width <= a.elements().size(); i += width) units.add(a.elements().subList(i, i + width));
        units.sort(order);
        List<Reply> out = new ArrayList<>(a.elements().size());
        units.forEach(out::addAll);
        return new Reply.Aggregate(a.kind(), out);
    }

    private static Reply deepSorted(Reply r) {
        if (!(r instanceof Reply.Aggregate a)) return r;
        List<Reply> inner = new ArrayList<>(a.elements().size());
        for (Reply e : a.elements()) inner.add(deepSorted(e));
        return sorted(new Reply.Aggregate(a.kind(), inner));
    }

    private static String sortKey(List<Reply> unit) {
        StringBuilder sb = new StringBuilder();
        for (Reply r : unit) sb.append(ReplyText.describe(r)).append('\u0000');
        return sb.toString();
    }
}
