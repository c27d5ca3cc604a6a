package io.ferrite.core.pubsub;

import io.ferrite.core.ReplySink;

import java.nio.charset.StandardCharsets;

/**
 * One delivered message: {@code message} (channel subscription), {@code pmessage} (pattern subscription, with the
 * pattern that matched) or {@code smessage} (shard channel). Arrays are shared by every receiver: never modify them.
 */
public record Message(Kind kind, byte[] pattern, byte[] channel, byte[] payload) {

    public enum Kind {
        MESSAGE("message"), PMESSAGE("pmessage"), SMESSAGE("smessage");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    public String channelString() {
        return new String(channel, StandardCharsets.UTF_8);
    }

    public String payloadString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public String patternString() {
        return pattern == null ? null : new String(pattern, StandardCharsets.UTF_8);
    }

    /** The push frame Redis sends: {@code >3 message channel payload} or {@code >4 pmessage pattern channel payload}. */
    public void writeTo(ReplySink out) {
        out.push(pattern == null ? 3 : 4);
        out.bulk(kind.word);
        if (pattern != null) out.bulk(pattern);
        out.bulk(channel);
        out.bulk(payload);
    }
}
