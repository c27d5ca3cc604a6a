package io.ferrite.core.resp;

import io.ferrite.core.Replies;
import io.ferrite.core.Reply;
import io.ferrite.core.ReplySink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The one place that turns replies into RESP2 or RESP3 bytes. Replies accumulate in chunks borrowed from a
 * {@link BufferPool}; the network drains them with {@link #writeTo} (one gathering write for a whole pipeline's
 * replies) and the chunks go back to the pool as soon as they are sent.
 *
 * <p>Chunks in the queue are in read mode: position is the first unsent byte, limit the end of written data. The
 * last chunk is appended to through {@link #tailArray}/{@link #tailEnd}, and its limit is brought up to date
 * before any read of the queue.
 *
 * <p>Not thread-safe: owned by one connection and used from its event loop only.
 */
public final class RespWriter implements ReplySink {
    private final BufferPool pool;
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private ByteBuffer tail;
    private byte[] tailArray;
    private int tailEnd;
    private long pending;
    private long appended;
    private int protocol;

    public RespWriter(int protocol, BufferPool pool) {
        switchProtocol(protocol);
        this.pool = pool;
    }

    /** A writer with its own unpooled chunks (tests, tools). */
    public RespWriter(int protocol) {
        this(protocol, BufferPool.unpooled());
    }

    // ---- ReplySink ----

    @Override public void simple(String status) {
        put((byte) '+');
        text(status);
        crlf();
    }

    @Override public void error(String message) {
        put((byte) '-');
        text(message);
        crlf();
    }

    @Override public void integer(long value) {
        header((byte) ':', value);
    }

    @Override public void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    @Override public void bulk(byte[] value, int offset, int length) {
        header((byte) '$', length);
        put(value, offset, length);
        crlf();
    }

    @Override public void bigNumber(String digits) {
        if (protocol != 3) {
            bulk(digits);
            return;
        }
        put((byte) '(');
        ascii(digits);
        crlf();
    }

    @Override public void attributes(Reply.Aggregate map) {
        if (protocol != 3) return;
        header((byte) '|', map.elements().size() / 2);
        for (Reply r : map.elements()) Replies.write(r, this);
    }

    @Override public void replicaTransfer(byte[] rdb) {
        header((byte) '$', rdb.length);
        put(rdb, 0, rdb.length);
    }

    @Override public void bulk(String value) {
        if (isAscii(value)) {
            header((byte) '$', value.length());
            ascii(value);
            crlf();
        } else {
            bulk(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override public void nil() {
        if (protocol == 3) nullFrame();
        else header((byte) '$', -1);
    }

    @Override public void nilArray() {
        if (protocol == 3) nullFrame();
        else header((byte) '*', -1);
    }

    @Override public void array(int count) {
        header((byte) '*', count);
    }

    @Override public void map(int count) {
        if (protocol == 3) header((byte) '%', count);
        else header((byte) '*', 2L * count);
    }

    @Override public void set(int count) {
        header(protocol == 3 ? (byte) '~' : (byte) '*', count);
    }

    @Override public void push(int count) {
        header(protocol == 3 ? (byte) '>' : (byte) '*', count);
    }

    @Override public void doubleText(String text) {
        if (protocol == 3) {
            put((byte) ',');
            ascii(text);
            crlf();
        } else {
            bulk(text);
        }
    }

    @Override public void doubleValue(double value) {
        String s = RespFormat.formatDouble(value);
        if (protocol == 3) {
            put((byte) ',');
            ascii(s);
            crlf();
        } else {
            bulk(s);
        }
    }

    @Override public void bool(boolean value) {
        if (protocol == 3) {
            ensure(4);
            byte[] a = tailArray;
            a[tailEnd] = '#';
            a[tailEnd + 1] = value ? (byte) 't' : (byte) 'f';
            a[tailEnd + 2] = '\r';
            a[tailEnd + 3] = '\n';
            advance(4);
        } else {
            header((byte) ':', value ? 1 : 0);
        }
    }

    @Override public void verbatim(String format, String text) {
        if (protocol != 3) {
            bulk(text);
            return;
        }
        if (format.length() != 3) throw new IllegalArgumentException("verbatim format must have 3 characters: " + format);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        header((byte) '=', body.length + 4L);
        ascii(format);
        put((byte) ':');
        put(body, 0, body.length);
        crlf();
    }

    @Override public int protocol() {
        return protocol;
    }

    @Override public void switchProtocol(int p) {
        if (p != 2 && p != 3) throw new IllegalArgumentException("protocol must be 2 or 3: " + p);
        this.protocol = p;
    }

    // ---- output queue ----

    /** Bytes written by replies and not yet sent. */
    public long pending() {
        return pending;
    }

    public boolean isEmpty() {
        return pending == 0;
    }

    /** A position in the reply stream, for {@link #truncate}. */
    public long mark() {
        return appended;
    }

    /**
     * Drops everything appended since {@code mark} (CLIENT REPLY OFF/SKIP discard a command's reply). Those bytes
     * cannot have been sent: sending happens between commands, never inside one.
     */
    public void truncate(long mark) {
        long drop = appended - mark;
        if (drop < 0 || drop > pending) throw new IllegalArgumentException("mark " + mark + " is not droppable");
        syncTail();
        while (drop > 0) {
            ByteBuffer last = chunks.peekLast();
            int inLast = last.remaining();
            if (inLast <= drop) {
                chunks.pollLast();
                pool.give(last);
                drop -= inLast;
                appended -= inLast;
                pending -= inLast;
            } else {
                last.limit(last.limit() - (int) drop);
                appended -= drop;
                pending -= drop;
                drop = 0;
            }
        }
        adoptTail();
    }

    /**
     * Writes as much as {@code channel} accepts in gathering writes, returning sent chunks to the pool and keeping
     * the rest for later.
     *
     * @return the number of bytes written
     */
    public long writeTo(GatheringByteChannel channel) throws IOException {
        syncTail();
        ByteBuffer[] gather = pool.gatherArray();
        long total = 0;
        while (!chunks.isEmpty()) {
            int n = 0;
            Iterator<ByteBuffer> it = chunks.iterator();
            while (n < gather.length && it.hasNext()) gather[n++] = it.next();
            long wanted = 0;
            for (int i = 0; i < n; i++) wanted += gather[i].remaining();
            long written = n == 1 ? channel.write(gather[0]) : channel.write(gather, 0, n);
            java.util.Arrays.fill(gather, 0, n, null);
            total += written;
            pending -= written;
            releaseSent();
            if (written < wanted) break;
        }
        adoptTail();
        return total;
    }

    /** A copy of the unsent bytes (tests, the embedded RESP double); leaves the queue untouched. */
    public byte[] toByteArray() {
        syncTail();
        byte[] out = new byte[(int) pending];
        int at = 0;
        for (ByteBuffer b : chunks) {
            int n = b.remaining();
            b.get(b.position(), out, at, n);
            at += n;
        }
        return out;
    }

    /** Discards every unsent byte and returns the chunks to the pool (connection closed). */
    public void clear() {
        syncTail();
        for (ByteBuffer b : chunks) pool.give(b);
        chunks.clear();
        pending = 0;
        adoptTail();
    }

    // ---- encoding ----

    private void releaseSent() {
        ByteBuffer b;
        while ((b = chunks.peekFirst()) != null && !b.hasRemaining()) {
            chunks.pollFirst();
            pool.give(b);
        }
    }

    /** Publishes the tail's written length to its limit so the queue can be read. */
    private void syncTail() {
        if (tail != null) tail.limit(tailEnd);
    }

    /** Resumes appending to the last chunk if it still has room, or to none. */
    private void adoptTail() {
        ByteBuffer last = chunks.peekLast();
        if (last != null && last.limit() < last.capacity()) {
            tail = last;
            tailArray = last.array();
            tailEnd = last.limit();
            last.limit(last.capacity());
        } else {
            tail = null;
            tailArray = null;
            tailEnd = 0;
        }
    }

    /** Makes room for {@code n} contiguous bytes, {@code n} at most a chunk. */
    private void ensure(int n) {
        if (tail != null && tailEnd + n <= tailArray.length) return;
        syncTail();
        ByteBuffer c = pool.take();
        chunks.addLast(c);
        tail = c;
        tailArray = c.array();
        tailEnd = 0;
    }

    private void advance(int n) {
        tailEnd += n;
        pending += n;
        appended += n;
    }

    private void put(byte b) {
        ensure(1);
        tailArray[tailEnd] = b;
        advance(1);
    }

    private void put(byte[] src, int offset, int length) {
        while (length > 0) {
            if (tail == null || tailEnd == tailArray.length) ensure(1);
            int n = Math.min(length, tailArray.length - tailEnd);
            System.arraycopy(src, offset, tailArray, tailEnd, n);
            advance(n);
            offset += n;
            length -= n;
        }
    }

    private void crlf() {
        ensure(2);
        tailArray[tailEnd] = '\r';
        tailArray[tailEnd + 1] = '\n';
        advance(2);
    }

    private void nullFrame() {
        ensure(3);
        tailArray[tailEnd] = '_';
        tailArray[tailEnd + 1] = '\r';
        tailArray[tailEnd + 2] = '\n';
        advance(3);
    }

    /** {@code <prefix><value>\r\n} without allocating: digits are written straight into the chunk. */
    private void header(byte prefix, long value) {
        ensure(23);
        byte[] a = tailArray;
        int p = tailEnd;
        a[p++] = prefix;
        if (value < 0) {
            a[p++] = '-';
        }
        int digits = digits(value);
        int end = p + digits;
        long v = value;
        for (int i = end - 1; i >= p; i--) {
            int d = (int) (v % 10);
            a[i] = (byte) ('0' + (d < 0 ? -d : d));
            v /= 10;
        }
        a[end] = '\r';
        a[end + 1] = '\n';
        advance(end + 2 - tailEnd);
    }

    /** Decimal digits of |v|, without sign; works for Long.MIN_VALUE. */
    static int digits(long v) {
        int n = 1;
        long x = v < 0 ? v : -v;
        while (x <= -10) {
            x /= 10;
            n++;
        }
        return n;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private void ascii(String s) {
        for (int i = 0, n = s.length(); i < n; ) {
            if (tail == null || tailEnd == tailArray.length) ensure(1);
            int room = Math.min(n - i, tailArray.length - tailEnd);
            for (int j = 0; j < room; j++) tailArray[tailEnd + j] = (byte) s.charAt(i + j);
            advance(room);
            i += room;
        }
    }

    /** Status and error text: UTF-8, with CR and LF replaced by spaces so the frame stays one line. */
    private void text(String s) {
        byte[] bytes = isAscii(s) ? null : s.getBytes(StandardCharsets.UTF_8);
        if (bytes == null) {
            if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
                ascii(s);
                return;
            }
            bytes = s.getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') bytes[i] = ' ';
        }
        put(bytes, 0, bytes.length);
    }
}
