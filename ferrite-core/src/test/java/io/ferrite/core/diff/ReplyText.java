package io.ferrite.core.diff;

import io.ferrite.core.Reply;

/** Renders replies unambiguously for mismatch reports: the type is always visible, binary bytes are escaped. */
public final class ReplyText {
    private ReplyText() {}

    public static String describe(Reply r) {
        StringBuilder sb = new StringBuilder();
        append(sb, r);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Reply r) {
        if (r instanceof Reply.Status s) {
            sb.append("status ").append(s.value());
        } else if (r instanceof Reply.Error e) {
            sb.append("error ").append(CliWords.quote(e.message().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } else if (r instanceof Reply.Int i) {
            sb.append("int ").append(i.value());
        } else if (r instanceof Reply.Bulk b) {
            if (b.value() == null) sb.append("nil-bulk");
            else sb.append("bulk ").append(CliWords.quote(b.value()));
        } else if (r instanceof Reply.Null) {
            sb.append("null");
        } else if (r instanceof Reply.Double d) {
            sb.append("double ").append(d.value());
        } else if (r instanceof Reply.Bool b) {
            sb.append("bool ").append(b.value());
        } else if (r instanceof Reply.Verbatim v) {
            sb.append("verbatim ").append(v.format()).append(' ')
                    .append(CliWords.quote(v.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } else if (r instanceof Reply.Aggregate a) {
            sb.append(a.kind().name().toLowerCase()).append('[');
            for (int i = 0; i < a.elements().size(); i++) {
                if (i > 0) sb.append(a.kind() == Reply.AggregateKind.MAP && i % 2 == 1 ? " => " : ", ");
                append(sb, a.elements().get(i));
            }
            sb.append(']');
        } else {
            sb.append(r);
        }
    }
}
