package io.ferrite.core.rdb;

import io.ferrite.core.command.CommandException;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The FUNCTION DUMP payload: one {@code RDB_OPCODE_FUNCTION2} entry per library, each the library's code as an RDB
 * string, then the 2-byte RDB version and the CRC-64, as Redis 7.0 writes it.
 *
 * <p>Reading also accepts the {@code RDB_OPCODE_FUNCTION} entries of Redis 7.0's release candidates (library name,
 * engine name, an optional description, the code without its metadata line), which Redis 7.0 still reads: their
 * code becomes {@code #!<engine> name=<library>\n<code>}. Stateless.
 */
public final class FunctionPayload {
    private FunctionPayload() {}

    private static final int OPCODE_FUNCTION2 = 245;
    private static final int OPCODE_FUNCTION_PRE_GA = 246;
    private static final int FOOTER = 10;

    /** The payload holding {@code codes}, in iteration order. */
    public static byte[] write(Iterable<byte[]> codes) {
        Bytes out = new Bytes(256);
        for (byte[] code : codes) {
            out.put(OPCODE_FUNCTION2);
            Rdb.writeString(out, code, code.length);
        }
        out.le(Rdb.VERSION, 2);
        out.le(Crc64.update(0, out.array(), 0, out.size()), 8);
        return out.toArray();
    }

    /**
     * Checks {@code payload}'s version and checksum, then hands each library's code to {@code library} in payload
     * order; a malformed entry throws Redis's error once the libraries before it were handed over.
     *
     * <p>As in Redis, an entry is read while more than the footer remains, and its strings may run into the
     * footer: the reader is bounded by the payload's end, not the footer's start.
     */
    public static void read(byte[] payload, Consumer<byte[]> library) {
        if (!Rdb.verify(payload)) throw new CommandException(DumpCommands.BAD_PAYLOAD);
        RdbInput in = new RdbInput(payload, 0, payload.length);
        while (payload.length - in.position() > FOOTER) {
            int type = in.readByte();
            if (type == OPCODE_FUNCTION2) {
                library.accept(string(in, "Failed loading library payload"));
            } else if (type == OPCODE_FUNCTION_PRE_GA) {
                library.accept(preGa(in));
            } else {
                throw new CommandException("ERR given type is not a function");
            }
        }
    }

    private static byte[] preGa(RdbInput in) {
        byte[] name = string(in, "Failed loading library name");
        byte[] engine = string(in, "Failed loading engine name");
        long hasDescription;
        try {
            hasDescription = in.readLength();
        } catch (RdbFormatException e) {
            throw new CommandException("ERR Failed loading library description indicator");
        }
        if (hasDescription != 0) string(in, "Failed loading library description");
        byte[] code = string(in, "Failed loading library blob");
        byte[] head = ("#!" + new String(engine, StandardCharsets.ISO_8859_1) + " name="
                + new String(name, StandardCharsets.ISO_8859_1) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] full = new byte[head.length + code.length];
        System.arraycopy(head, 0, full, 0, head.length);
        System.arraycopy(code, 0, full, head.length, code.length);
        return full;
    }

    private static byte[] string(RdbInput in, String error) {
        try {
            return in.readString();
        } catch (RdbFormatException e) {
            throw new CommandException("ERR " + error);
        }
    }
}
