package io.ferrite.core.diff;

import io.ferrite.core.Reply;

/** A step whose Ferrite reply differs from Redis's (or whose execution threw in Ferrite). */
public record Mismatch(Step step, int protocol, Reply redis, Reply ferrite, Throwable thrown) {

    /** {@code where} names the source, e.g. {@code strings.txt}. */
    public String report(String where) {
        StringBuilder sb = new StringBuilder()
                .append(where).append(':').append(step.line()).append(" [RESP").append(protocol).append(", ")
                .append(step.comparison().tag()).append("] ").append(step.commandLine()).append('\n')
                .append("    redis:   ").append(ReplyText.describe(redis)).append('\n');
        if (thrown != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            thrown.printStackTrace(new java.io.PrintWriter(trace));
            sb.append("    ferrite: threw ").append(trace.toString().strip().replace("\n", "\n    "));
        } else {
            sb.append("    ferrite: ").append(ReplyText.describe(ferrite));
        }
        return sb.toString();
    }
}
