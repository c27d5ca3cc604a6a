package io.ferrite.core;

import io.ferrite.core.resp.RespWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A reply built as objects and replayed into a RespWriter is byte for byte what the handler would have written. */
class RepliesTest {

    /** Every reply shape, in the order a handler could produce them. */
    private static final Consumer<ReplySink> EVERY_SHAPE = out -> {
        out.simple("OK");
        out.error("ERR boom");
        out.integer(-42);
        out.bulk("héllo");
        out.bulk(new byte[0]);
        out.nil();
        out.nilArray();
        out.array(3);
        out.integer(1);
        out.nil();
        out.array(0);
        out.map(2);
        out.bulk("k");
        out.doubleValue(1.5);
        out.bulk("inf");
        out.doubleValue(Double.NEGATIVE_INFINITY);
        out.set(2);
        out.bulk("a");
        out.bool(true);
        out.push(1);
        out.bool(false);
        out.verbatim("txt", "some\r\ntext");
    };

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void replayedRepliesEncodeAsWrittenOnes(int protocol) {
        RespWriter direct = new RespWriter(protocol);
        EVERY_SHAPE.accept(direct);

        ReplyBuilder built = new ReplyBuilder(protocol);
        EVERY_SHAPE.accept(built);
        RespWriter replayed = new RespWriter(protocol);
        for (Reply r : built.replies()) Replies.write(r, replayed);

        assertEquals(new String(direct.toByteArray(), StandardCharsets.UTF_8),
                new String(replayed.toByteArray(), StandardCharsets.UTF_8));
    }
}
