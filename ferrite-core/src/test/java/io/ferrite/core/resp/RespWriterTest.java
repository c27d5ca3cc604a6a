package io.ferrite.core.resp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RespWriterTest {

    private static String wire(int protocol, Consumer<RespWriter> replies) {
        RespWriter w = new RespWriter(protocol);
        replies.accept(w);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void both(String resp2, String resp3, Consumer<RespWriter> replies) {
        assertEquals(resp2, wire(2, replies), "RESP2");
        assertEquals(resp3, wire(3, replies), "RESP3");
    }

    @Test
    void scalars() {
        both("+OK\r\n", "+OK\r\n", w -> w.simple("OK"));
        both("-ERR bad  thing\r\n", "-ERR bad  thing\r\n", w -> w.error("ERR bad\r\nthing"));
        both(":0\r\n:-1\r\n:9223372036854775807\r\n:-9223372036854775808\r\n",
             ":0\r\n:-1\r\n:9223372036854775807\r\n:-9223372036854775808\r\n",
             w -> { w.integer(0); w.integer(-1); w.integer(Long.MAX_VALUE); w.integer(Long.MIN_VALUE); });
        both("$3\r\na\0b\r\n$0\r\n\r\n", "$3\r\na\0b\r\n$0\r\n\r\n",
             w -> { w.bulk(new byte[] {'a', 0, 'b'}); w.bulk(new byte[0]); });
        both("$2\r\nbc\r\n", "$2\r\nbc\r\n", w -> w.bulk(new byte[] {'a', 'b', 'c', 'd'}, 1, 2));
        both("$2\r\né\r\n", "$2\r\né\r\n", w -> w.bulk("é"));
        both("+caf\u00e9\r\n", "+caf\u00e9\r\n", w -> w.simple("caf\u00e9"));
    }

    @Test
    void nullsDifferByProtocol() {
        both("$-1\r\n", "_\r\n", RespWriter::nil);
        both("*-1\r\n", "_\r\n", RespWriter::nilArray);
    }

    @Test
    void aggregates() {
        both("*2\r\n:1\r\n:2\r\n", "*2\r\n:1\r\n:2\r\n", w -> { w.array(2); w.integer(1); w.integer(2); });
        both("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n", "%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n",
             w -> { w.map(2); w.bulk("a"); w.integer(1); w.bulk("b"); w.integer(2); });
        both("*1\r\n$1\r\nx\r\n", "~1\r\n$1\r\nx\r\n", w -> { w.set(1); w.bulk("x"); });
        both("*2\r\n$7\r\nmessage\r\n$1\r\nm\r\n", ">2\r\n$7\r\nmessage\r\n$1\r\nm\r\n",
             w -> { w.push(2); w.bulk("message"); w.bulk("m"); });
        both("*0\r\n", "%0\r\n", w -> w.map(0));
    }

    @Test
    void doublesBoolsVerbatim() {
        both("$3\r\n1.5\r\n", ",1.5\r\n", w -> w.doubleValue(1.5));
        both("$3\r\ninf\r\n$4\r\n-inf\r\n", ",inf\r\n,-inf\r\n",
             w -> { w.doubleValue(Double.POSITIVE_INFINITY); w.doubleValue(Double.NEGATIVE_INFINITY); });
        both("$18\r\n3.1000000000000001\r\n", ",3.1000000000000001\r\n", w -> w.doubleValue(3.1));
        both(":1\r\n:0\r\n", "#t\r\n#f\r\n", w -> { w.bool(true); w.bool(false); });
        both("$5\r\nhello\r\n", "=9\r\ntxt:hello\r\n", w -> w.verbatim("txt", "hello"));
    }

    @Test
    void switchProtocolAppliesToTheNextReply() {
        RespWriter w = new RespWriter(2);
        w.nil();
        w.switchProtocol(3);
        w.map(1);
        w.bulk("proto");
        w.integer(3);
        assertEquals("$-1\r\n%1\r\n$5\r\nproto\r\n:3\r\n", new String(w.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void truncateDropsAReplyAcrossChunks() {
        BufferPool pool = new BufferPool(64, 8);
        RespWriter w = new RespWriter(2, pool);
        w.simple("OK");
        long mark = w.mark();
        w.bulk(new byte[500]);
        w.truncate(mark);
        assertEquals("+OK\r\n", new String(w.toByteArray(), StandardCharsets.UTF_8));
        w.integer(7);
        assertEquals("+OK\r\n:7\r\n", new String(w.toByteArray(), StandardCharsets.UTF_8));
        assertEquals(9, w.pending());
    }

    /** A channel that accepts at most {@code budget} bytes per write call, like a full socket buffer. */
    private static final class SlowChannel implements GatheringByteChannel {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final WritableByteChannel out = Channels.newChannel(sink);
        int budget;
        int calls;

        @Override public int write(ByteBuffer src) throws java.io.IOException {
            calls++;
            int n = Math.min(budget, src.remaining());
            ByteBuffer slice = src.slice(src.position(), n);
            out.write(slice);
            src.position(src.position() + n);
            return n;
        }

        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws java.io.IOException {
            calls++;
            long total = 0;
            int left = budget;
            for (int i = offset; i < offset + length && left > 0; i++) {
                int n = Math.min(left, srcs[i].remaining());
                out.write(srcs[i].slice(srcs[i].position(), n));
                srcs[i].position(srcs[i].position() + n);
                left -= n;
                total += n;
            }
            return total;
        }

        @Override public long write(ByteBuffer[] srcs) throws java.io.IOException { return write(srcs, 0, srcs.length); }
        @Override public boolean isOpen() { return true; }
        @Override public void close() {}
    }

    @Test
    void partialWritesKeepLeftoversAndReturnChunks() throws Exception {
        BufferPool pool = new BufferPool(64, 16);
        RespWriter w = new RespWriter(2, pool);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            w.integer(i * 1000L);
            expected.append(':').append(i * 1000L).append("\r\n");
        }
        w.bulk(new byte[300]);
        expected.append("$300\r\n").append("\0".repeat(300)).append("\r\n");
        long total = w.pending();
        assertEquals(expected.length(), total);
        SlowChannel ch = new SlowChannel();
        ch.budget = 100;
        long sent = w.writeTo(ch);
        assertEquals(100, sent);
        assertEquals(total - 100, w.pending());
        w.simple("MORE");
        expected.append("+MORE\r\n");
        ch.budget = 1_000_000;
        w.writeTo(ch);
        assertTrue(w.isEmpty());
        assertEquals(expected.toString(), ch.sink.toString(StandardCharsets.ISO_8859_1));
        assertTrue(pool.pooled() > 0, "sent chunks go back to the pool");
        w.integer(5);
        ch.budget = 1;
        for (int i = 0; i < 4; i++) assertEquals(1, w.writeTo(ch));
        assertTrue(w.isEmpty());
        assertTrue(ch.sink.toString(StandardCharsets.ISO_8859_1).endsWith(":5\r\n"));
    }

    @Test
    void digits() {
        assertEquals(1, RespWriter.digits(0));
        assertEquals(1, RespWriter.digits(-9));
        assertEquals(2, RespWriter.digits(10));
        assertEquals(19, RespWriter.digits(Long.MAX_VALUE));
        assertEquals(19, RespWriter.digits(Long.MIN_VALUE));
    }
}
