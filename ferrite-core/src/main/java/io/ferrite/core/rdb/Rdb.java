package io.ferrite.core.rdb;

import io.ferrite.core.command.Numbers;
import io.ferrite.core.config.Config;
import io.ferrite.core.resp.RespFormat;
import io.ferrite.core.type.hash.HashValue;
import io.ferrite.core.type.list.ListValue;
import io.ferrite.core.type.set.SetValue;
import io.ferrite.core.type.stream.StreamId;
import io.ferrite.core.type.stream.StreamRdb;
import io.ferrite.core.type.stream.StreamValue;
import io.ferrite.core.type.string.Strings;
import io.ferrite.core.type.zset.ZSetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * DUMP payloads of single values: {@code <type><value><RDB version, 2 bytes LE><CRC-64, 8 bytes LE>}, the CRC
 * covering everything before it.
 *
 * <p>Written forms are Redis 7.0's, so that every Redis 7 loads them and small values DUMP to the same bytes:
 * strings as RDB_TYPE_STRING (integer-encoded or LZF-compressed as Redis does), lists as
 * RDB_TYPE_LIST_QUICKLIST_2 of listpack nodes split at {@code list-max-listpack-size}, intset sets as
 * RDB_TYPE_SET_INTSET and other sets as RDB_TYPE_SET (a listpack set is Redis 7.2's RDB version 11), listpack
 * hashes and sorted sets as RDB_TYPE_HASH_LISTPACK and RDB_TYPE_ZSET_LISTPACK, larger ones as RDB_TYPE_HASH and
 * RDB_TYPE_ZSET_2 (binary scores), streams as RDB_TYPE_STREAM_LISTPACKS_2 (its nodes as they are, deleted entries
 * included; consumers' active times, which that layout lacks, are lost).
 */
public final class Rdb {
    private Rdb() {}

    /** The version written: Redis 7.0's. */
    static final int VERSION = 10;
    /** The newest version read: Redis 7.2's (it adds listpack sets, which {@link #load} reads). */
    static final int MAX_VERSION = 11;
    private static final int FOOTER = 10;

    /** Value types; the module types (6, 7) and pre-2.6 zipmap hashes (9) are not read. */
    static final int STRING = 0, LIST = 1, SET = 2, ZSET = 3, HASH = 4, ZSET_2 = 5, LIST_ZIPLIST = 10,
            SET_INTSET = 11, ZSET_ZIPLIST = 12,
            HASH_ZIPLIST = 13, LIST_QUICKLIST = 14, STREAM_LISTPACKS = 15, HASH_LISTPACK = 16, ZSET_LISTPACK = 17,
            LIST_QUICKLIST_2 = 18, STREAM_LISTPACKS_2 = 19, SET_LISTPACK = 20, STREAM_LISTPACKS_3 = 21;

    private static final int NODE_PLAIN = 1, NODE_PACKED = 2;
    /** A listpack's header and end marker. */
    private static final int LISTPACK_OVERHEAD = 7;

    // ---- writing

    /**
     * The DUMP payload of {@code value}, a value of the keyspace; lists are split into nodes by {@code cfg}'s
     * {@code list-max-listpack-size}.
     */
    public static byte[] dump(Object value, Config cfg) {
        Bytes out = new Bytes(64);
        writeValue(out, value, cfg);
        out.le(VERSION, 2);
        out.le(Crc64.update(0, out.array(), 0, out.size()), 8);
        return out.toArray();
    }

    /** {@code value}'s type byte and encoding, as both DUMP payloads and RDB files hold them. */
    static void writeValue(Bytes out, Object value, Config cfg) {
        if (Strings.isString(value)) {
            out.put(STRING);
            writeString(out, Strings.array(value), Strings.length(value));
        } else if (value instanceof ListValue list) {
            writeList(out, list, cfg.listMaxListpackSize);
        } else if (value instanceof SetValue set) {
            writeSet(out, set);
        } else if (value instanceof ZSetValue zset && zset.encoding().equals("listpack")) {
            List<byte[]> elements = new ArrayList<>(2 * zset.size());
            zset.forEach((member, score) -> {
                elements.add(member);
                elements.add(listpackScore(score));
            });
            writeListpack(out, ZSET_LISTPACK, elements);
        } else if (value instanceof HashValue hash && hash.encoding().equals("listpack")) {
            List<byte[]> elements = new ArrayList<>(2 * hash.size());
            hash.forEach((field, v) -> {
                elements.add(field);
                elements.add(v);
            });
            writeListpack(out, HASH_LISTPACK, elements);
        } else if (value instanceof ZSetValue zset) {
            // Highest score first, as Redis writes a skiplist (so that its loader inserts at the head).
            out.put(ZSET_2);
            writeLength(out, zset.size());
            zset.walk(zset.size() - 1, true, zset.size(), (member, score) -> {
                writeString(out, member, member.length);
                out.le(Double.doubleToRawLongBits(score), 8);
            });
        } else if (value instanceof HashValue hash) {
            out.put(HASH);
            writeLength(out, hash.size());
            hash.forEach((field, v) -> {
                writeString(out, field, field.length);
                writeString(out, v, v.length);
            });
        } else if (value instanceof StreamValue stream) {
            out.put(STREAM_LISTPACKS_2);
            StreamRdb.write(stream, sink(out));
        } else {
            throw new IllegalArgumentException("not a keyspace value: " + value.getClass().getSimpleName());
        }
    }

    private static void writeListpack(Bytes out, int type, List<byte[]> elements) {
        byte[] lp = Packed.listpack(elements);
        out.put(type);
        writeString(out, lp, lp.length);
    }

    /** A score as Redis 7.0's {@code d2string} writes it into a listpack: integral within 2^52 as an integer. */
    private static byte[] listpackScore(double score) {
        if (score > -4503599627370495.0 && score < 4503599627370496.0 && score == (long) score) {
            return Numbers.toBytes((long) score);
        }
        return RespFormat.formatDouble(score).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * A list as Redis 7.0 holds one after pushing its elements at the tail: listpack nodes, a new one started when
     * the next element would not fit by {@code _quicklistNodeAllowInsert}'s estimate (node bytes, element length
     * and 8 bytes of overhead against the byte limit for a negative {@code fill}, or within 8 KB and under
     * {@code fill} elements for a positive one), so that lists built by RPUSH DUMP to Redis's bytes.
     */
    private static void writeList(Bytes out, ListValue list, int fill) {
        List<byte[]> nodes = new ArrayList<>();
        List<byte[]> node = new ArrayList<>();
        long nodeBytes = LISTPACK_OVERHEAD;
        for (int i = 0, n = list.size(); i < n; i++) {
            byte[] e = list.get(i);
            if (!node.isEmpty() && !ListValue.nodeAllows(nodeBytes, node.size(), e.length, fill)) {
                nodes.add(Packed.listpack(node));
                node.clear();
                nodeBytes = LISTPACK_OVERHEAD;
            }
            node.add(e);
            nodeBytes += Packed.entryBytes(e);
        }
        nodes.add(Packed.listpack(node));
        out.put(LIST_QUICKLIST_2);
        writeLength(out, nodes.size());
        for (byte[] lp : nodes) {
            writeLength(out, NODE_PACKED);
            writeString(out, lp, lp.length);
        }
    }


    private static void writeSet(Bytes out, SetValue set) {
        if (set.encoding().equals("intset")) {
            long[] values = new long[set.size()];
            int[] n = {0};
            set.forEach(m -> values[n[0]++] = Numbers.parseLongUnchecked(m, 0, m.length));
            byte[] is = Packed.intset(values, n[0]);
            out.put(SET_INTSET);
            writeString(out, is, is.length);
            return;
        }
        out.put(SET);
        writeLength(out, set.size());
        set.forEach(m -> writeString(out, m, m.length));
    }

    /** A length, unsigned: stream ids and a group's unknown read counter (-1) take all 64 bits. */
    static void writeLength(Bytes out, long len) {
        if (len >= 0 && len < 1 << 6) {
            out.put((int) len);
        } else if (len >= 0 && len < 1 << 14) {
            out.put((int) (len >> 8) | 0x40);
            out.put((int) len & 0xFF);
        } else if (len >= 0 && len <= 0xFFFFFFFFL) {
            out.put(0x80);
            for (int i = 3; i >= 0; i--) out.put((int) (len >>> (8 * i)) & 0xFF);
        } else {
            out.put(0x81);
            for (int i = 7; i >= 0; i--) out.put((int) (len >>> (8 * i)) & 0xFF);
        }
    }

    /**
     * A string as Redis's {@code rdbSaveRawString} writes it: integer-encoded when canonical and within 32 bits,
     * LZF-compressed when longer than 20 bytes and at least 4 bytes smaller so, else length-prefixed.
     */
    static void writeString(Bytes out, byte[] b, int len) {
        if (len > 0 && len <= 11 && Numbers.isLong(b, 0, len)) {
            long v = Numbers.parseLongUnchecked(b, 0, len);
            if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                out.put(0xC0);
                out.le(v, 1);
                return;
            }
            if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                out.put(0xC1);
                out.le(v, 2);
                return;
            }
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.put(0xC2);
                out.le(v, 4);
                return;
            }
        }
        if (len > 20) {
            byte[] compressed = Lzf.compress(b, len, len - 4);
            if (compressed != null) {
                out.put(0xC3);
                writeLength(out, compressed.length);
                writeLength(out, len);
                out.put(compressed);
                return;
            }
        }
        writeLength(out, len);
        out.put(b, 0, len);
    }

    // ---- reading

    /** True if {@code payload} carries a known RDB version and its CRC-64 matches (Redis's {@code verifyDumpPayload}). */
    public static boolean verify(byte[] payload) {
        if (payload.length < FOOTER) return false;
        int footer = payload.length - FOOTER;
        long version = Packed.le(payload, footer, 2);
        if (version > MAX_VERSION) return false;
        long crc = Packed.le(payload, footer + 2, 8);
        return Crc64.update(0, payload, 0, footer + 2) == crc;
    }

    /**
     * The value a {@linkplain #verify verified} payload holds, built in the encodings this server's thresholds
     * give it; throws {@link RdbFormatException} for malformed payloads, empty collections, duplicate members or
     * NaN scores, as Redis's loader refuses them.
     */
    public static Object load(byte[] payload, Config cfg) {
        RdbInput in = new RdbInput(payload, 0, payload.length - FOOTER);
        return readValue(in, in.readByte(), cfg);
    }

    /** True if {@code type} is a value type {@link #readValue} reads. */
    static boolean isValueType(int type) {
        return (type >= STRING && type <= ZSET_2) || (type >= LIST_ZIPLIST && type <= STREAM_LISTPACKS_3);
    }

    /** A value of {@code type} whose type byte {@code in} just passed. */
    static Object readValue(RdbInput in, int type, Config cfg) {
        return switch (type) {
            case STRING -> in.readString();
            case LIST -> list(readStrings(in, in.readCount()), cfg);
            case LIST_ZIPLIST -> list(Packed.readZiplist(in.readString()), cfg);
            case LIST_QUICKLIST, LIST_QUICKLIST_2 -> list(readQuicklist(in, type == LIST_QUICKLIST_2), cfg);
            case SET -> set(readStrings(in, in.readCount()), cfg, true);
            case SET_INTSET -> set(Packed.readIntset(in.readString()), cfg, true);
            case SET_LISTPACK -> set(Packed.readListpack(in.readString()), cfg, false);
            case ZSET, ZSET_2 -> zset(readScored(in, type == ZSET_2), cfg);
            case ZSET_ZIPLIST -> zset(packedScored(Packed.readZiplist(in.readString())), cfg);
            case ZSET_LISTPACK -> zset(packedScored(Packed.readListpack(in.readString())), cfg);
            case HASH -> hash(readStrings(in, 2 * (long) in.readCount()), cfg);
            case HASH_ZIPLIST -> hash(Packed.readZiplist(in.readString()), cfg);
            case HASH_LISTPACK -> hash(Packed.readListpack(in.readString()), cfg);
            case STREAM_LISTPACKS -> StreamRdb.read(source(in), 1);
            case STREAM_LISTPACKS_2 -> StreamRdb.read(source(in), 2);
            case STREAM_LISTPACKS_3 -> StreamRdb.read(source(in), 3);
            default -> throw new RdbFormatException("unsupported value type " + type);
        };
    }

    private static StreamRdb.Sink sink(Bytes out) {
        return new StreamRdb.Sink() {
            @Override public void length(long n) { writeLength(out, n); }
            @Override public void string(byte[] s) { writeString(out, s, s.length); }
            @Override public void listpack(List<byte[]> elements) {
                byte[] lp = Packed.listpack(elements);
                writeString(out, lp, lp.length);
            }
            @Override public void millis(long ms) { out.le(ms, 8); }
            @Override public void id(StreamId id) { out.put(id.key()); }
        };
    }

    private static StreamRdb.Source source(RdbInput in) {
        return new StreamRdb.Source() {
            @Override public long length() { return in.readLength(); }
            @Override public byte[] string() { return in.readString(); }
            @Override public List<byte[]> listpack() { return Packed.readListpack(in.readString()); }
            @Override public long millis() { return in.readLittleEndian(8); }
            @Override public StreamId id() { return StreamId.ofKey(in.readRaw(16), 0); }
            @Override public RuntimeException corrupt(String why) { return new RdbFormatException(why); }
        };
    }

    private static List<byte[]> readStrings(RdbInput in, long n) {
        if (n > Integer.MAX_VALUE - 8) throw new RdbFormatException("length out of range");
        List<byte[]> out = new ArrayList<>((int) Math.min(n, 1024));
        for (long i = 0; i < n; i++) out.add(in.readString());
        return out;
    }

    private static List<byte[]> readQuicklist(RdbInput in, boolean listpacks) {
        int nodes = in.readCount();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            if (!listpacks) {
                out.addAll(Packed.readZiplist(in.readString()));
                continue;
            }
            long container = in.readLength();
            if (container == NODE_PLAIN) out.add(in.readString());
            else if (container == NODE_PACKED) out.addAll(Packed.readListpack(in.readString()));
            else throw new RdbFormatException("unknown quicklist container");
        }
        return out;
    }

    /** Alternating members and scores (as byte strings holding doubles). */
    private static List<byte[]> readScored(RdbInput in, boolean binary) {
        int n = in.readCount();
        List<byte[]> out = new ArrayList<>(Math.min(2 * n, 2048));
        for (int i = 0; i < n; i++) {
            out.add(in.readString());
            double score = binary ? in.readBinaryDouble() : in.readTextDouble();
            out.add(scoreBytes(score));
        }
        return out;
    }

    /** Members and scores of a packed sorted set, whose scores are numbers written as text. */
    private static List<byte[]> packedScored(List<byte[]> elements) {
        if (elements.size() % 2 != 0) throw new RdbFormatException("odd sorted set listpack");
        for (int i = 1; i < elements.size(); i += 2) {
            String text = new String(elements.get(i), java.nio.charset.StandardCharsets.US_ASCII);
            double score;
            try {
                score = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                score = switch (text.toLowerCase(java.util.Locale.ROOT)) {
                    case "inf", "+inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> throw new RdbFormatException("bad score");
                };
            }
            elements.set(i, scoreBytes(score));
        }
        return elements;
    }

    private static byte[] scoreBytes(double score) {
        byte[] b = new byte[8];
        Packed.putLe(b, 0, Double.doubleToRawLongBits(score), 8);
        return b;
    }

    private static Object list(List<byte[]> elements, Config cfg) {
        if (elements.isEmpty()) throw new RdbFormatException("empty list");
        return ListValue.of(elements, cfg.listMaxListpackSize);
    }

    /** A set built as Redis's loader builds one: an intset at first unless too large, converting as members arrive. */
    private static Object set(List<byte[]> members, Config cfg, boolean rejectDuplicates) {
        if (members.isEmpty()) throw new RdbFormatException("empty set");
        SetValue set = SetValue.empty();
        set.reserve(members.size(), cfg);
        for (byte[] m : members) {
            if (!set.add(m, cfg) && rejectDuplicates) throw new RdbFormatException("duplicate set member");
        }
        return set;
    }

    /** A sorted set, compact if it fits the listpack thresholds (Redis converts after loading, as here). */
    private static Object zset(List<byte[]> scored, Config cfg) {
        if (scored.isEmpty()) throw new RdbFormatException("empty sorted set");
        long maxLength = 0;
        for (int i = 0; i < scored.size(); i += 2) maxLength = Math.max(maxLength, scored.get(i).length);
        ZSetValue z = ZSetValue.create(scored.size() / 2, maxLength, cfg);
        for (int i = 0; i < scored.size(); i += 2) {
            byte[] member = scored.get(i);
            double score = Double.longBitsToDouble(Packed.le(scored.get(i + 1), 0, 8));
            if (Double.isNaN(score)) throw new RdbFormatException("NaN score");
            if (!Double.isNaN(z.score(member))) throw new RdbFormatException("duplicate sorted set member");
            z.add(member, score, cfg);
        }
        return z;
    }

    private static Object hash(List<byte[]> fieldsAndValues, Config cfg) {
        if (fieldsAndValues.isEmpty() || fieldsAndValues.size() % 2 != 0) throw new RdbFormatException("bad hash");
        HashValue h = HashValue.of(fieldsAndValues, cfg.hashMaxListpackEntries, cfg.hashMaxListpackValue);
        if (h == null) throw new RdbFormatException("duplicate hash field");
        return h;
    }
}
