package io.ferrite.core.resp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Incremental decoder of client requests: RESP multibulk frames ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) and inline
 * commands ({@code GET k\r\n}, split like Redis's {@code sdssplitargs}), with Redis's limits and error texts
 * (networking.c's {@code processMultibulkBuffer} and {@code processInlineBuffer}).
 *
 * <p>Feed it whatever bytes arrived; {@link #next(ByteBuffer)} consumes them and returns true each time a command is
 * complete. The decoder keeps its own partial state (the header line being read, the argument being filled), so
 * the caller's buffer may be reused as soon as {@code next} returns false: one read buffer can serve every
 * connection of an event loop.
 *
 * <p>Memory follows the bytes that actually arrived, never a length the client announced: argument arrays are
 * preallocated up to {@value #ARGV_PREALLOC} slots, arguments up to {@value #BULK_PREALLOC} bytes, and grow as data
 * comes in.
 *
 * <p>A GET costs one allocation here, its key: the argument array (up to {@value #ARGV_REUSE} slots) is reused from
 * command to command, and a command name equal to the previous one is handed out as the same array (which also lets
 * the dispatcher resolve it with one reference compare).
 *
 * <p>Like Redis, the byte following a header's {@code \r} and the two bytes following a bulk's payload are skipped
 * without being checked. After an exception the decoder is unusable: Redis closes the connection.
 *
 * <p>Not thread-safe: one per connection.
 */
public final class RespDecoder {
    /** Redis's {@code PROTO_INLINE_MAX_SIZE}: an inline request or a header line may not exceed it. */
    public static final int INLINE_MAX = 64 * 1024;
    /** A client that has not authenticated may not announce more arguments than this. */
    public static final int UNAUTHENTICATED_MAX_ARGS = 10;
    /** A client that has not authenticated may not announce a longer argument than this. */
    public static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;
    static final int ARGV_PREALLOC = 1024;
    static final int BULK_PREALLOC = 64 * 1024;
    /** Argument arrays up to this many slots are kept for the next command; larger ones are dropped after use. */
    static final int ARGV_REUSE = 64;
    /** Command names up to this long are read into a scratch array and compared with the previous name. */
    private static final int NAME_MAX = 32;

    private static final int START = 0;
    private static final int MBULK_LINE = 1;
    private static final int MBULK_LF = 2;
    private static final int BULK_LINE = 3;
    private static final int BULK_LF = 4;
    private static final int BULK_DATA = 5;
    private static final int BULK_TAIL = 6;
    private static final int INLINE_LINE = 7;

    private long maxBulkLength;
    private boolean unauthenticated;

    private int state = START;
    private byte[] line = new byte[32];
    private int lineLength;
    private int argsLeft;
    private byte[][] argv;
    private int argc;
    private byte[] bulk;
    private int bulkLength;
    private int bulkFilled;
    private int tailLeft;
    private final byte[] nameScratch = new byte[NAME_MAX];
    private byte[] lastName;

    /** A decoder with Redis's default {@code proto-max-bulk-len} (512 MB). */
    public RespDecoder() {
        this(512L * 1024 * 1024);
    }

    public RespDecoder(long maxBulkLength) {
        maxBulkLength(maxBulkLength);
    }

    /** Redis's {@code proto-max-bulk-len}; may change between commands (CONFIG SET). */
    public void maxBulkLength(long max) {
        if (max < 1) throw new IllegalArgumentException("max bulk length must be positive: " + max);
        this.maxBulkLength = Math.min(max, Integer.MAX_VALUE - 8);
    }

    /** Whether the client still has to authenticate; tightens the limits on announced lengths as Redis does. */
    public void unauthenticated(boolean value) {
        this.unauthenticated = value;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) until a command is complete or the bytes run out.
     *
     * @return true if a command is complete: {@link #argv()} and {@link #argc()} describe it until the next call
     * @throws RespProtocolException if the input violates the protocol
     */
    public boolean next(ByteBuffer in) throws RespProtocolException {
        if (state == START && argc > 0) {
            // The previous command has run: drop its arguments so an idle connection retains none of them.
            if (argv.length <= ARGV_REUSE) Arrays.fill(argv, 0, argc, null);
            else argv = null;
            argc = 0;
        }
        while (true) {
            switch (state) {
                case START -> {
                    if (!in.hasRemaining()) return false;
                    if (in.hasArray() && in.get(in.position()) == '*' && wholeFrame(in)) return true;
                    lineLength = 0;
                    state = in.get(in.position()) == '*' ? MBULK_LINE : INLINE_LINE;
                }
                case MBULK_LINE -> {
                    if (!readLine(in, (byte) '\r')) {
                        if (lineLength > INLINE_MAX) throw protocolError("too big mbulk count string");
                        return false;
                    }
                    state = MBULK_LF;
                }
                case MBULK_LF -> {
                    if (!in.hasRemaining()) return false;
                    in.get();
                    long n = parseLength(line, 1, lineLength);
                    shrinkLine();
                    if (n == INVALID || n > Integer.MAX_VALUE) throw protocolError("invalid multibulk length");
                    if (n > UNAUTHENTICATED_MAX_ARGS && unauthenticated) {
                        throw protocolError("unauthenticated multibulk length");
                    }
                    if (n <= 0) {
                        state = START;
                    } else {
                        argsLeft = (int) n;
                        if (argv == null || argv.length < n) {
                            argv = new byte[(int) Math.min(n, ARGV_PREALLOC)][];
                        }
                        argc = 0;
                        state = BULK_LINE;
                    }
                }
                case BULK_LINE -> {
                    if (!readLine(in, (byte) '\r')) {
                        if (lineLength > INLINE_MAX) throw protocolError("too big bulk count string");
                        return false;
                    }
                    state = BULK_LF;
                }
                case BULK_LF -> {
                    if (!in.hasRemaining()) return false;
                    in.get();
                    // An empty line's first byte is its '\r' (the writer shows it as a space, as Redis does).
                    char first = lineLength == 0 ? '\r' : (char) (line[0] & 0xff);
                    if (first != '$') throw protocolError("expected '$', got '" + first + "'");
                    long n = parseLength(line, 1, lineLength);
                    shrinkLine();
                    if (n == INVALID || n < 0 || n > maxBulkLength) throw protocolError("invalid bulk length");
                    if (n > UNAUTHENTICATED_MAX_BULK && unauthenticated) {
                        throw protocolError("unauthenticated bulk length");
                    }
                    bulkLength = (int) n;
                    bulk = argc == 0 && bulkLength <= NAME_MAX ? nameScratch : new byte[Math.min(bulkLength, BULK_PREALLOC)];
                    bulkFilled = 0;
                    state = BULK_DATA;
                }
                case BULK_DATA -> {
                    if (!fillBulk(in)) return false;
                    tailLeft = 2;
                    state = BULK_TAIL;
                }
                case BULK_TAIL -> {
                    int skip = Math.min(tailLeft, in.remaining());
                    in.position(in.position() + skip);
                    tailLeft -= skip;
                    if (tailLeft > 0) return false;
                    if (argc == argv.length) argv = Arrays.copyOf(argv, (int) Math.min((long) argc * 2, argc + argsLeft));
                    argv[argc++] = bulk == nameScratch ? name(nameScratch, 0, bulkLength) : bulk;
                    bulk = null;
                    if (--argsLeft > 0) {
                        state = BULK_LINE;
                    } else {
                        state = START;
                        return true;
                    }
                }
                case INLINE_LINE -> {
                    if (!readLine(in, (byte) '\n')) {
                        if (lineLength > INLINE_MAX) throw protocolError("too big inline request");
                        return false;
                    }
                    int length = lineLength;
                    if (length > 0 && line[length - 1] == '\r') length--;
                    state = START;
                    argv = InlineSplitter.split(line, length);
                    if (argv == null) throw protocolError("unbalanced quotes in request");
                    argc = argv.length;
                    shrinkLine();
                    if (argc > 0) return true;
                }
                default -> throw new IllegalStateException("decoder state " + state);
            }
        }
    }

    /**
     * The arguments of the command {@link #next} completed, in the first {@link #argc()} slots. The argument arrays
     * belong to the caller from then on and are never modified (a name array may be handed out again); the array
     * holding them is the decoder's and is valid only until the next call to {@code next}.
     */
    public byte[][] argv() {
        return argv;
    }

    public int argc() {
        return argc;
    }

    /** Bytes held for the command being assembled (Redis's query buffer), for CLIENT LIST and query-buffer limits. */
    public long bufferedBytes() {
        return (long) lineLength + (bulk == null ? 0 : bulk.length);
    }

    /** True between commands: nothing of a next command has arrived yet. */
    public boolean idle() {
        return state == START;
    }

    /** Appends bytes up to {@code terminator} to {@link #line}; consumes the terminator and returns true if found. */
    private boolean readLine(ByteBuffer in, byte terminator) {
        int start = in.position();
        int limit = in.limit();
        int end = start;
        if (in.hasArray()) {
            // Scanning the backing array skips a bounds (and, for direct buffers, a scope) check per byte.
            byte[] a = in.array();
            int base = in.arrayOffset();
            while (end < limit && a[base + end] != terminator) end++;
        } else {
            while (end < limit && in.get(end) != terminator) end++;
        }
        int n = end - start;
        if (lineLength + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        in.get(line, lineLength, n);
        lineLength += n;
        if (end == limit) return false;
        in.get();
        return true;
    }

    /** A command name, {@code src[from, from + length)}: the previous name's array if the bytes are equal. */
    private byte[] name(byte[] src, int from, int length) {
        byte[] last = lastName;
        if (last != null && last.length == length && Arrays.equals(last, 0, length, src, from, from + length)) {
            return last;
        }
        return lastName = Arrays.copyOfRange(src, from, from + length);
    }

    /**
     * The common case in two passes over the array instead of the byte-by-byte state machine: a whole multibulk
     * frame already in {@code in}, every header canonical and within the limits. The first pass only checks; if
     * anything is incomplete or unusual it returns false having consumed nothing, and the state machine reads the
     * frame with all of Redis's checks and error texts.
     */
    private boolean wholeFrame(ByteBuffer in) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        int end = base + in.limit();
        long n = header(a, base + in.position() + 1, end);
        if (n <= 0 || n > ARGV_REUSE || (unauthenticated && n > UNAUTHENTICATED_MAX_ARGS)) return false;
        int first = scanEnd;
        int p = first;
        for (int i = 0; i < n; i++) {
            if (p >= end || a[p] != '$') return false;
            long length = header(a, p + 1, end);
            if (length < 0 || length > maxBulkLength || (unauthenticated && length > UNAUTHENTICATED_MAX_BULK)) return false;
            p = scanEnd + (int) length + 2;
            if (p > end) return false;
        }
        if (argv == null || argv.length < n) argv = new byte[(int) n][];
        p = first;
        for (int i = 0; i < n; i++) {
            int length = (int) header(a, p + 1, end);
            int from = scanEnd;
            argv[i] = i == 0 && length <= NAME_MAX ? name(a, from, length) : Arrays.copyOfRange(a, from, from + length);
            p = from + length + 2;
        }
        argc = (int) n;
        in.position(p - base);
        return true;
    }

    /** Where {@link #header} stopped: past the header line's {@code \r} and the byte after it. */
    private int scanEnd;

    /**
     * A header's count at {@code a[p..]}: at most ten decimal digits without a sign or a leading zero, then
     * {@code \r} and one more byte (skipped unchecked, as Redis does); -1 if it is anything else or incomplete.
     */
    private long header(byte[] a, int p, int end) {
        int q = p;
        long v = 0;
        while (q < end && q - p < 10) {
            int d = a[q] - '0';
            if (d < 0 || d > 9) break;
            v = v * 10 + d;
            q++;
        }
        int digits = q - p;
        if (digits == 0 || (digits > 1 && a[p] == '0') || q + 1 >= end || a[q] != '\r') return -1;
        scanEnd = q + 2;
        return v;
    }

    /** Moves arriving payload bytes into {@link #bulk}, growing it as they come; true when it is complete. */
    private boolean fillBulk(ByteBuffer in) {
        while (bulkFilled < bulkLength) {
            if (!in.hasRemaining()) return false;
            if (bulkFilled == bulk.length) {
                bulk = Arrays.copyOf(bulk, (int) Math.min((long) bulk.length * 2, bulkLength));
            }
            int n = Math.min(Math.min(bulk.length, bulkLength) - bulkFilled, in.remaining());
            in.get(bulk, bulkFilled, n);
            bulkFilled += n;
        }
        return true;
    }

    /** A long line may have grown the line buffer to 64 KB; an idle connection should not keep that. */
    private void shrinkLine() {
        if (line.length > 1024) line = new byte[32];
        lineLength = 0;
    }

    private static RespProtocolException protocolError(String what) {
        return new RespProtocolException("Protocol error: " + what);
    }

    private static final long INVALID = Long.MIN_VALUE;

    /**
     * Redis's {@code string2ll} over {@code b[from, to)}: an optional minus sign and decimal digits without leading
     * zeros, within a signed 64-bit range; {@link #INVALID} otherwise. Only the sign of negative results matters.
     */
    static long parseLength(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 20) return INVALID;
        if (len == 1 && b[from] == '0') return 0;
        boolean negative = false;
        int i = from;
        if (b[i] == '-') {
            negative = true;
            if (++i == to) return INVALID;
        }
        if (b[i] < '1' || b[i] > '9') return INVALID;
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return INVALID;
            if (v > (Long.MAX_VALUE - d) / 10) {
                // -9223372036854775808 is valid for string2ll; any negative stands for it here.
                if (negative && i == to - 1 && v == Long.MAX_VALUE / 10 && d == 8) return -1;
                return INVALID;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
