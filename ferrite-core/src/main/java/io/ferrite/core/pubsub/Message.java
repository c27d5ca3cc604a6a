package io.ferrite.core.pubsub;

import io.ferrite.core.ReplySink;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One delivered message: {@code message} (channel subscription), {@code pmessage} (pattern subscription, with the
 * pattern that matched) or {@code smessage} (shard channel); or, for client-side caching, an {@code invalidate}
 * push or a {@code tracking-redir-broken} push. Arrays are shared by every receiver: never modify them.
 *
 * <p>Invalidations carry {@link #keys()}, null for "every key" (after a flush). Sent to a RESP2 client a tracking
 * client redirects to, an invalidation is a {@code message} on {@code __redis__:invalidate} whose payload is the
 * key array instead of a string ({@link #payload()} null).
 */
public record Message(Kind kind, byte[] pattern, byte[] channel, byte[] payload, List<byte[]> keys) {

    public enum Kind {
        MESSAGE("message"), PMESSAGE("pmessage"), SMESSAGE("smessage"), INVALIDATE("invalidate"),
        TRACKING_REDIR_BROKEN("tracking-redir-broken");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    public Message(Kind kind, byte[] pattern, byte[] channel, byte[] payload) {
        this(kind, pattern, channel, payload, null);
    }

    /** {@code invalidate} push of {@code keys} (null: every key). */
    public static Message invalidate(List<byte[]> keys) {
        return new Message(Kind.INVALIDATE, null, null, null, keys);
    }

    /** The invalidation of {@code keys} (null: every key) as a message on {@code channel}, for RESP2 receivers. */
    public static Message invalidateOnChannel(byte[] channel, List<byte[]> keys) {
        return new Message(Kind.MESSAGE, null, channel, null, keys);
    }

    /** The redirect target {@code id} of a tracking client is gone; the payload is the id in decimal. */
    public static Message trackingRedirBroken(long id) {
        return new Message(Kind.TRACKING_REDIR_BROKEN, null, null,
                Long.toString(id).getBytes(StandardCharsets.US_ASCII), null);
    }

    /** Whether this is an invalidation, as a push or as a message on the invalidation channel. */
    public boolean isInvalidation() {
        return kind == Kind.INVALIDATE || (kind == Kind.MESSAGE && payload == null);
    }

    public String channelString() {
        return channel == null ? null : new String(channel, StandardCharsets.UTF_8);
    }

    public String payloadString() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    public String patternString() {
        return pattern == null ? null : new String(pattern, StandardCharsets.UTF_8);
    }

    /**
     * The push frame Redis sends: {@code >3 message channel payload}, {@code >4 pmessage pattern channel payload},
     * {@code >2 invalidate keys} or {@code >2 tracking-redir-broken id} (arrays in RESP2).
     */
    public void writeTo(ReplySink out) {
        switch (kind) {
            case INVALIDATE -> {
                out.push(2);
                out.bulk(kind.word);
                writeKeys(out);
            }
            case TRACKING_REDIR_BROKEN -> {
                out.push(2);
                out.bulk(kind.word);
                out.integer(Long.parseLong(payloadString()));
            }
            default -> {
                out.push(pattern == null ? 3 : 4);
                out.bulk(kind.word);
                if (pattern != null) out.bulk(pattern);
                out.bulk(channel);
                if (payload != null) out.bulk(payload);
                else writeKeys(out);
            }
        }
    }

    private void writeKeys(ReplySink out) {
        if (keys == null) {
            out.nil();
            return;
        }
        out.array(keys.size());
        for (byte[] k : keys) out.bulk(k);
    }
}
