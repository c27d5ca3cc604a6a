package io.ferrite.core.resp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RespDecoderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code input} fed in the given pieces; each command rendered as its words joined by '|'. */
    private static List<String> decode(RespDecoder d, byte[]... pieces) throws RespProtocolException {
        List<String> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            while (d.next(in)) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < d.argc(); i++) {
                    if (i > 0) sb.append('|');
                    sb.append(new String(d.argv()[i], StandardCharsets.ISO_8859_1));
                }
                out.add(sb.toString());
            }
            assertFalse(in.hasRemaining(), "decoder must consume everything it is given");
        }
        return out;
    }

    private static List<String> decode(String input) throws RespProtocolException {
        return decode(new RespDecoder(), bytes(input));
    }

    private static String error(String input) {
        return assertThrows(RespProtocolException.class, () -> decode(input)).getMessage();
    }

    @Test
    void multibulkFrameSplitAtEveryByteBoundary() throws Exception {
        String frame = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$10\r\nva\r\nl\0ue!!\r\n*1\r\n$4\r\nPING\r\n";
        byte[] all = bytes(frame);
        List<String> expected = List.of("SET|key|va\r\nl\0ue!!", "PING");
        assertEquals(expected, decode(frame));
        for (int i = 0; i <= all.length; i++) {
            for (int j = i; j <= all.length; j++) {
                List<String> got = decode(new RespDecoder(), Arrays.copyOfRange(all, 0, i),
                        Arrays.copyOfRange(all, i, j), Arrays.copyOfRange(all, j, all.length));
                assertEquals(expected, got, "split at " + i + "," + j);
            }
        }
    }

    @Test
    void oneByteAtATime() throws Exception {
        byte[] all = bytes("PING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\nECHO \"a b\"\n");
        byte[][] pieces = new byte[all.length][];
        for (int i = 0; i < all.length; i++) pieces[i] = new byte[] {all[i]};
        assertEquals(List.of("PING", "ECHO|", "ECHO|a b"), decode(new RespDecoder(), pieces));
    }

    @Test
    void pipelineInOneChunk() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            String v = Integer.toString(i);
            sb.append("*3\r\n$3\r\nSET\r\n$").append(v.length()).append("\r\n").append(v)
              .append("\r\n$1\r\nx\r\n");
        }
        List<String> got = decode(sb.toString());
        assertEquals(10_000, got.size());
        assertEquals("SET|9999|x", got.get(9999));
    }

    @Test
    void largeBulkGrowsAsBytesArrive() throws Exception {
        int n = 300_000;
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) payload[i] = (byte) i;
        byte[] head = bytes("*2\r\n$3\r\nSET\r\n$" + n + "\r\n");
        RespDecoder d = new RespDecoder();
        assertFalse(d.next(ByteBuffer.wrap(head)));
        assertTrue(d.bufferedBytes() <= RespDecoder.BULK_PREALLOC, "preallocation is capped");
        assertFalse(d.next(ByteBuffer.wrap(payload, 0, 1000)));
        assertFalse(d.next(ByteBuffer.wrap(payload, 1000, n - 1000)));
        assertTrue(d.next(ByteBuffer.wrap(bytes("\r\n"))));
        assertEquals(2, d.argc());
        assertTrue(Arrays.equals(payload, d.argv()[1]));
    }

    @Test
    void hugeAnnouncedLengthsAllocateNothingUpFront() throws Exception {
        RespDecoder d = new RespDecoder();
        assertFalse(d.next(ByteBuffer.wrap(bytes("*2147483647\r\n$536870912\r\nab"))));
        assertTrue(d.bufferedBytes() <= RespDecoder.BULK_PREALLOC);
    }

    @Test
    void emptyAndNegativeMultibulkCountsAreSkipped() throws Exception {
        assertEquals(List.of("PING"), decode("*0\r\n*-1\r\n*-5\r\nPING\r\n"));
        assertEquals(List.of("PING"), decode("*-9223372036854775808\r\nPING\r\n"));
    }

    @Test
    void headerTerminatorByteAfterCrAndPayloadTailAreNotChecked() throws Exception {
        assertEquals(List.of("PING"), decode("*1\rX$4\r\nPING\r\n"));
        assertEquals(List.of("PING", "PING"), decode("*1\r\n$4\r\nPINGxyPING\r\n"));
    }

    @Test
    void inlineCommands() throws Exception {
        assertEquals(List.of("PING"), decode("\r\n\r\n  \t PING   \r\n"));
        assertEquals(List.of("PING", "PING"), decode("PING\nPING\r\n"));
        assertEquals(List.of("SET|k|hello world"), decode("SET k \"hello world\"\r\n"));
        assertEquals(List.of("ECHO|ab c"), decode("echo a'b c'\r\n".replace("echo", "ECHO")));
        assertEquals(List.of("ECHO|Ax4g"), decode("ECHO \"\\x41\\x4g\"\r\n"));
        assertEquals(List.of("ECHO|\n\t\u0007\b\rq|a'b|x\\\\y"),
                decode("ECHO \"\\n\\t\\a\\b\\r\\q\" 'a\\'b' 'x\\\\y'\r\n"));
        assertEquals(List.of("ECHO|a"), decode("ECHO a\0ignored\r\n"));
        assertEquals(List.of("GET|"), decode("GET \"\"\r\n"));
    }

    @Test
    void unbalancedQuotes() {
        assertEquals("Protocol error: unbalanced quotes in request", error("SET a \"b\r\n"));
        assertEquals("Protocol error: unbalanced quotes in request", error("ECHO \"a\"b\r\n"));
        assertEquals("Protocol error: unbalanced quotes in request", error("ECHO 'a'b\r\n"));
        assertEquals("Protocol error: unbalanced quotes in request", error("ECHO 'a\r\n"));
    }

    @Test
    void protocolErrorsAsRedisWordsThem() {
        assertEquals("Protocol error: invalid multibulk length", error("*2147483648\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*01\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*+1\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*abc\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*99999999999999999999\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$-1\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$01\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$536870913\r\n"));
        assertEquals("Protocol error: expected '$', got 'x'", error("*1\r\nx4\r\n"));
        assertEquals("Protocol error: expected '$', got '\r'", error("*1\r\n\r\n"));
        assertEquals("Protocol error: expected '$', got ':'", error("*2\r\n$4\r\nECHO\r\n:1\r\n"));
    }

    @Test
    void protoMaxBulkLenIsConfigurable() throws Exception {
        RespDecoder d = new RespDecoder(5);
        assertEquals(List.of("ECHO|abcde"), decode(d, bytes("*2\r\n$4\r\nECHO\r\n$5\r\nabcde\r\n")));
        RespProtocolException e = assertThrows(RespProtocolException.class,
                () -> decode(new RespDecoder(5), bytes("*2\r\n$4\r\nECHO\r\n$6\r\n")));
        assertEquals("Protocol error: invalid bulk length", e.getMessage());
    }

    @Test
    void lineLimitsAt64Kilobytes() throws Exception {
        String max = "a".repeat(RespDecoder.INLINE_MAX);
        assertEquals(List.of(), decode(max));
        assertEquals("Protocol error: too big inline request", error(max + "a"));
        assertEquals("Protocol error: too big mbulk count string", error("*" + "1".repeat(RespDecoder.INLINE_MAX)));
        assertEquals("Protocol error: too big bulk count string", error("*1\r\n$" + "1".repeat(RespDecoder.INLINE_MAX)));
        // A long line that is complete is parsed (and found invalid), as Redis does when it arrives in one read.
        assertEquals("Protocol error: invalid multibulk length", error("*" + "1".repeat(70_000) + "\r\n"));
        // Inline lines up to the limit still work, split in pieces.
        String longEcho = "ECHO " + "b".repeat(60_000);
        byte[] all = bytes(longEcho + "\r\n");
        assertEquals(List.of("ECHO|" + "b".repeat(60_000)), decode(new RespDecoder(),
                Arrays.copyOfRange(all, 0, 30_000), Arrays.copyOfRange(all, 30_000, all.length)));
    }

    @Test
    void unauthenticatedClientsGetTighterLimits() throws Exception {
        RespDecoder d = new RespDecoder();
        d.unauthenticated(true);
        assertEquals(List.of("A|B|C|D|E|F|G|H|I|J"),
                decode(d, bytes("*10\r\n$1\r\nA\r\n$1\r\nB\r\n$1\r\nC\r\n$1\r\nD\r\n$1\r\nE\r\n"
                        + "$1\r\nF\r\n$1\r\nG\r\n$1\r\nH\r\n$1\r\nI\r\n$1\r\nJ\r\n")));
        assertEquals("Protocol error: unauthenticated multibulk length", assertThrows(RespProtocolException.class,
                () -> decode(d, bytes("*11\r\n"))).getMessage());
        RespDecoder d2 = new RespDecoder();
        d2.unauthenticated(true);
        assertFalse(d2.next(ByteBuffer.wrap(bytes("*2\r\n$16384\r\n"))));
        RespDecoder d3 = new RespDecoder();
        d3.unauthenticated(true);
        assertEquals("Protocol error: unauthenticated bulk length", assertThrows(RespProtocolException.class,
                () -> decode(d3, bytes("*2\r\n$16385\r\n"))).getMessage());
    }

    @Test
    void commandsBeforeAnErrorAreDelivered() {
        RespDecoder d = new RespDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes("PING\r\n*1\r\n$-3\r\n"));
        assertTrue(assertDoesNotThrowNext(d, in));
        assertThrows(RespProtocolException.class, () -> d.next(in));
    }

    private static boolean assertDoesNotThrowNext(RespDecoder d, ByteBuffer in) {
        try {
            return d.next(in);
        } catch (RespProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void argumentArraysOutliveTheCommandAndRepeatedNamesAreShared() throws Exception {
        RespDecoder d = new RespDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes("*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n"
                + "*2\r\n$4\r\nINCR\r\n$1\r\nc\r\n"));
        assertTrue(d.next(in));
        byte[] firstName = d.argv()[0];
        byte[] firstKey = d.argv()[1];
        assertTrue(d.next(in));
        assertEquals("a", new String(firstKey, StandardCharsets.US_ASCII));
        assertEquals("b", new String(d.argv()[1], StandardCharsets.US_ASCII));
        assertSame(firstName, d.argv()[0]);
        assertTrue(d.next(in));
        assertEquals("INCR", new String(d.argv()[0], StandardCharsets.US_ASCII));
        assertEquals("GET", new String(firstName, StandardCharsets.US_ASCII));
        byte[][] argv = d.argv();
        assertFalse(d.next(in));
        assertNull(argv[0], "an idle decoder keeps no argument of the command it handed out");
    }

    @Test
    void manyArgumentsBeyondThePreallocation() throws Exception {
        StringBuilder sb = new StringBuilder("*3000\r\n");
        for (int i = 0; i < 3000; i++) sb.append("$1\r\nx\r\n");
        RespDecoder d = new RespDecoder();
        assertTrue(d.next(ByteBuffer.wrap(bytes(sb.toString()))));
        assertEquals(3000, d.argc());
    }

    /**
     * Whole frames take a two-pass path over the array; frames that arrive in pieces (or are unusual) the byte-by-byte
     * state machine. Random streams of well-formed and damaged frames must decode to the same commands, and fail
     * with the same error, whichever path reads them.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void wholeFramesAndPiecesDecodeAlike(boolean unauthenticated) {
        java.util.Random random = new java.util.Random(unauthenticated ? 7 : 11);
        String[] damage = {"*01\r\n", "*-1\r\n", "*0\r\n", "*2\r\n+3\r\n", "*1\r\n$-1\r\n", "*1\r\n$01\r\nx\r\n",
            "*1\r\n$99999999999\r\n", "*1\r\n$\r\n", "*99\r\n$1\r\nx\r\n", "*1\r\n$20000\r\n", "*3\r\n$1\r\n"};
        for (int stream = 0; stream < 400; stream++) {
            StringBuilder sb = new StringBuilder();
            int frames = 1 + random.nextInt(6);
            for (int f = 0; f < frames; f++) {
                if (random.nextInt(8) == 0) {
                    sb.append(damage[random.nextInt(damage.length)]);
                    continue;
                }
                int n = 1 + random.nextInt(random.nextBoolean() ? 4 : 80);
                sb.append('*').append(n).append("\r\n");
                for (int k = 0; k < n; k++) {
                    int len = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 12 : 40);
                    sb.append('$').append(len).append("\r\n");
                    for (int c = 0; c < len; c++) sb.append((char) (random.nextInt(5) == 0 ? '\r' : 'a' + random.nextInt(26)));
                    sb.append("\r\n");
                }
            }
            byte[] input = bytes(sb.toString());
            String whole = outcome(unauthenticated, input);
            byte[][] single = new byte[input.length][];
            for (int k = 0; k < input.length; k++) single[k] = new byte[] {input[k]};
            assertEquals(outcome(unauthenticated, single), whole, sb.toString());
        }
    }

    /** The commands decoded from {@code pieces}, then the protocol error if one ended the stream. */
    private static String outcome(boolean unauthenticated, byte[]... pieces) {
        RespDecoder d = new RespDecoder(1_000);
        d.unauthenticated(unauthenticated);
        List<String> commands = new ArrayList<>();
        try {
            for (byte[] piece : pieces) {
                ByteBuffer in = ByteBuffer.wrap(piece);
                while (d.next(in)) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < d.argc(); i++) sb.append(new String(d.argv()[i], StandardCharsets.ISO_8859_1)).append('|');
                    commands.add(sb.toString());
                }
            }
            return commands + " pending";
        } catch (RespProtocolException e) {
            return commands + " " + e.getMessage();
        }
    }
}
