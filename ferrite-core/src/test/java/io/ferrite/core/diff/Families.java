package io.ferrite.core.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The random command generators, one {@link Family} per command family. To cover a new family: add a builder
 * here listing every command its generators use, and add it to {@link #all()}; it runs as soon as Ferrite's
 * command table has all of those commands. Nondeterministic replies are compared by kind ({@link Gen#kind});
 * commands whose effect is nondeterministic (SPOP of part of a set ...) stay out, as they would desynchronize
 * the two keyspaces.
 */
public final class Families {
    private Families() {}

    public static List<Family> all() {
        return List.of(core(), strings(), bitmaps(), hyperLogLogs(), keys(), databases(), hashes(), lists(), sets(), sortedSets(), geo(),
                streams(), streamGroups());
    }

    /** What every build has: PING, ECHO, SELECT, plain SET, GET, DEL, DBSIZE. */
    static Family core() {
        return Family.named("core").keys("k").commands("PING", "ECHO", "SELECT", "GET", "SET", "DEL", "DBSIZE")
                .gen(2, g -> g.chance(0.5) ? g.exact("PING") : g.exact("PING", g.value()))
                .gen(2, g -> g.exact("ECHO", g.value()))
                .gen(1, g -> g.exact("SELECT", g.chance(0.9) ? g.pick("0", "0", "0", "1") : g.pick("16", "-1", "x")))
                .gen(g -> g.exact("GET", g.key()))
                .gen(g -> g.exact("SET", g.key(), g.value()))
                .gen(4, g -> g.exact("DEL", g.key(), g.key()))
                .gen(2, g -> g.exact("DBSIZE"))
                .gen(1, g -> g.exact(g.pick("GET", "SET", "DEL", "ECHO", "SELECT")))
                .build();
    }

    static Family strings() {
        return Family.named("strings").keys("s")
                .commands("SET", "GET", "GETSET", "SETNX", "SETEX", "PSETEX", "MSET", "MSETNX", "MGET", "APPEND",
                        "STRLEN", "INCR", "DECR", "INCRBY", "DECRBY", "INCRBYFLOAT", "GETRANGE", "SETRANGE",
                        "GETDEL", "GETEX", "SUBSTR")
                .gen(g -> setWithOptions(g))
                .gen(g -> g.exact("GETSET", g.key(), g.value()))
                .gen(g -> g.exact("SETNX", g.key(), g.value()))
                .gen(3, g -> g.exact("SETEX", g.key(), g.chance(0.9) ? g.seconds() : g.pick("0", "-1", "x"), g.value()))
                .gen(3, g -> g.exact("PSETEX", g.key(), g.chance(0.9) ? g.millis() : g.pick("0", "-1", "x"), g.value()))
                .gen(g -> g.exact("MSET", g.key(), g.value(), g.key(), g.value()))
                .gen(3, g -> g.exact("MSETNX", g.key(), g.value(), g.key(), g.value()))
                .gen(g -> g.exact("MGET", g.key(), g.key(), g.key()))
                .gen(g -> g.exact("APPEND", g.key(), g.value()))
                .gen(g -> g.exact("STRLEN", g.key()))
                .gen(g -> g.exact(g.pick("INCR", "DECR"), g.key()))
                .gen(g -> g.exact(g.pick("INCRBY", "DECRBY"), g.key(), g.integer()))
                .gen(g -> g.exact("INCRBYFLOAT", g.key(), g.pick("0.5", "-1.25", "3", "1e2", "x", "inf")))
                .gen(g -> g.exact(g.pick("GETRANGE", "SUBSTR"), g.key(), g.integer(), g.integer()))
                .gen(g -> g.exact("SETRANGE", g.key(), g.chance(0.95) ? g.between(0, 12) : -1, g.value()))
                .gen(g -> g.exact("GETDEL", g.key()))
                .gen(g -> getex(g))
                .build();
    }

    private static Step setWithOptions(Gen g) {
        List<Object> w = new ArrayList<>(List.of("SET", g.key(), g.value()));
        if (g.chance(0.3)) w.add(g.pick("NX", "XX"));
        if (g.chance(0.3)) w.add("GET");
        if (g.chance(0.5)) {
            switch (g.nextInt(6)) {
                case 0 -> w.addAll(List.of("EX", g.seconds()));
                case 1 -> w.addAll(List.of("PX", g.millis()));
                case 2 -> w.addAll(List.of("EXAT", System.currentTimeMillis() / 1000 + 100_000));
                case 3 -> w.addAll(List.of("PXAT", System.currentTimeMillis() + 100_000_000L));
                case 4 -> w.add("KEEPTTL");
                default -> w.addAll(List.of(g.pick("EX", "PX", "EXAT"), g.pick("0", "-5", "x")));
            }
        }
        if (g.chance(0.05)) w.add(g.pick("NX", "XX", "EX", "KEEPTTL", "BOGUS"));
        return g.exact(w.toArray());
    }

    private static Step getex(Gen g) {
        return switch (g.nextInt(5)) {
            case 0 -> g.exact("GETEX", g.key());
            case 1 -> g.exact("GETEX", g.key(), "EX", g.seconds());
            case 2 -> g.exact("GETEX", g.key(), "PX", g.millis());
            case 3 -> g.exact("GETEX", g.key(), "PERSIST");
            default -> g.exact("GETEX", g.key(), g.pick("EX", "PERSIST", "KEEPTTL"), g.pick("0", "x", "5"));
        };
    }

    /**
     * Bitmap commands on the string family's keys, so that they meet values APPEND, SETRANGE and INCR left behind.
     * Offsets stay small: the strings stay short and the fields overlap.
     */
    static Family bitmaps() {
        return Family.named("bitmaps").keys("s")
                .commands("SETBIT", "GETBIT", "BITCOUNT", "BITPOS", "BITOP", "BITFIELD", "BITFIELD_RO")
                .gen(g -> g.exact("SETBIT", g.key(), g.chance(0.95) ? g.between(0, 70) : g.pick("-1", "x", "4294967296"),
                        g.chance(0.95) ? g.pick("0", "1") : g.pick("2", "-1", "x")))
                .gen(g -> g.exact("GETBIT", g.key(), g.between(0, 80)))
                .gen(g -> bitRange(g, "BITCOUNT", g.key()))
                .gen(g -> bitRange(g, "BITPOS", g.key(), g.chance(0.95) ? g.pick("0", "1") : "2"))
                .gen(g -> g.chance(0.2) ? g.exact("BITOP", "NOT", g.key(), g.key())
                        : g.exact("BITOP", g.pick("AND", "OR", "XOR"), g.key(), g.key(), g.key()))
                .gen(g -> bitfield(g, "BITFIELD"))
                .gen(3, g -> bitfield(g, "BITFIELD_RO"))
                .build();
    }

    /**
     * HyperLogLog commands on the string family's keys, so that they meet plain strings (the not-an-HLL error) and
     * HLLs that APPEND, SETRANGE or SETBIT corrupted; PFADD and PFMERGE keep values sparse, PFDEBUG TODENSE converts.
     */
    static Family hyperLogLogs() {
        return Family.named("hyperloglog").keys("s")
                .commands("PFADD", "PFCOUNT", "PFMERGE", "PFDEBUG")
                .gen(3, g -> {
                    List<Object> w = new ArrayList<>(List.of("PFADD", g.key()));
                    int n = g.between(0, 6);
                    for (int i = 0; i < n; i++) w.add(g.value());
                    return g.exact(w.toArray());
                })
                .gen(2, g -> g.chance(0.6) ? g.exact("PFCOUNT", g.key()) : g.exact("PFCOUNT", g.key(), g.key(), g.key()))
                .gen(g -> g.chance(0.2) ? g.exact("PFMERGE", g.key()) : g.exact("PFMERGE", g.key(), g.key(), g.key()))
                .gen(g -> g.exact("PFDEBUG", g.pick("ENCODING", "DECODE", "TODENSE", "BOGUS"), g.key()))
                .build();
    }

    /** {@code command args... [start [end [BYTE|BIT]]]}. */
    private static Step bitRange(Gen g, String command, Object... args) {
        List<Object> w = new ArrayList<>(List.of(command));
        w.addAll(List.of(args));
        int extra = g.nextInt(4);
        if (extra >= 1) w.add(g.between(-20, 20));
        if (extra >= 2) w.add(g.between(-20, 20));
        if (extra >= 3) w.add(g.chance(0.95) ? g.pick("BIT", "BYTE") : "BITS");
        return g.exact(w.toArray());
    }

    private static Step bitfield(Gen g, String command) {
        List<Object> w = new ArrayList<>(List.of(command, g.key()));
        int ops = g.between(1, 3);
        for (int i = 0; i < ops; i++) {
            if (g.chance(0.2)) w.addAll(List.of("OVERFLOW", g.chance(0.97) ? g.pick("WRAP", "SAT", "FAIL") : "BAD"));
            String type = (g.chance(0.5) ? "i" : "u") + g.pick(1, 3, 4, 8, 13, 16, 32, 63, 64);
            String offset = g.chance(0.2) ? "#" + g.between(0, 5) : Integer.toString(g.between(0, 60));
            switch (command.equals("BITFIELD_RO") && g.chance(0.9) ? 0 : g.nextInt(3)) {
                case 0 -> w.addAll(List.of("GET", type, offset));
                case 1 -> w.addAll(List.of("SET", type, offset, g.pick("0", "1", "-1", "127", "-128", "255", "256",
                        "9223372036854775807", "-9223372036854775808", g.integer())));
                default -> w.addAll(List.of("INCRBY", type, offset, g.integer()));
            }
        }
        return g.exact(w.toArray());
    }

    /** Generic key commands; TTLs are compared with a tolerance since each side reads its own clock. */
    static Family keys() {
        return Family.named("keys")
                .commands("EXISTS", "TYPE", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "TTL", "PTTL",
                        "EXPIRETIME", "PEXPIRETIME", "PERSIST", "RENAME", "RENAMENX", "COPY", "KEYS", "UNLINK",
                        "TOUCH", "RANDOMKEY")
                .gen(g -> g.exact("EXISTS", g.key(), g.key()))
                .gen(g -> g.exact("TYPE", g.key()))
                .gen(g -> expire(g))
                .gen(g -> g.step(Comparison.near(1), "TTL", g.key()))
                .gen(g -> g.step(Comparison.near(3000), "PTTL", g.key()))
                .gen(3, g -> g.step(Comparison.near(2), "EXPIRETIME", g.key()))
                .gen(3, g -> g.step(Comparison.near(3000), "PEXPIRETIME", g.key()))
                .gen(g -> g.exact("PERSIST", g.key()))
                .gen(g -> g.exact(g.pick("RENAME", "RENAMENX"), g.key(), g.key()))
                .gen(g -> g.chance(0.5) ? g.exact("COPY", g.key(), g.key()) : g.exact("COPY", g.key(), g.key(), "REPLACE"))
                .gen(g -> g.sorted("KEYS", g.pick("*", "h*", "[kst][0-2]", "?3", "nomatch*")))
                .gen(3, g -> g.exact("UNLINK", g.key()))
                .gen(g -> g.exact("TOUCH", g.key(), g.key()))
                .gen(3, g -> g.kind("RANDOMKEY"))
                .build();
    }

    private static Step expire(Gen g) {
        String command = g.pick("EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT");
        long now = System.currentTimeMillis();
        String when = switch (command) {
            case "EXPIRE" -> g.seconds();
            case "PEXPIRE" -> g.millis();
            case "EXPIREAT" -> Long.toString(now / 1000 + g.between(1_000, 100_000));
            default -> Long.toString(now + g.between(1_000_000, 100_000_000));
        };
        if (g.chance(0.05)) when = g.pick("-1", "0", "x");
        return g.chance(0.4) ? g.exact(command, g.key(), when, g.pick("NX", "XX", "GT", "LT", "BOGUS"))
                : g.exact(command, g.key(), when);
    }

    /** Commands across databases; FLUSHDB is rare so that state builds up between flushes. */
    static Family databases() {
        return Family.named("databases").commands("FLUSHDB", "SWAPDB", "MOVE", "SELECT")
                .gen(1, g -> g.exact("FLUSHDB"))
                .gen(2, g -> g.exact("SWAPDB", g.pick("0", "1"), g.pick("0", "1", "2", "16", "x")))
                .gen(5, g -> g.exact("MOVE", g.key(), g.chance(0.9) ? "1" : g.pick("0", "16", "x")))
                .build();
    }

    static Family hashes() {
        return Family.named("hashes").keys("h")
                .commands("DEL", "HSET", "HSETNX", "HGET", "HMGET", "HDEL", "HLEN", "HEXISTS", "HGETALL", "HKEYS", "HVALS",
                        "HINCRBY", "HINCRBYFLOAT", "HSTRLEN", "HRANDFIELD", "HMSET")
                .gen(20, g -> g.chance(0.6) ? g.exact("HSET", g.key(), g.field(), g.value())
                        : g.exact("HSET", g.key(), g.field(), g.value(), g.field(), g.value()))
                .gen(g -> g.exact("HSETNX", g.key(), g.field(), g.value()))
                .gen(g -> g.exact("HMSET", g.key(), g.field(), g.value()))
                .gen(g -> g.exact("HGET", g.key(), g.field()))
                .gen(g -> g.exact("HMGET", g.key(), g.field(), g.field()))
                .gen(g -> g.exact("HDEL", g.key(), g.field(), g.field()))
                .gen(g -> g.exact("HLEN", g.key()))
                .gen(g -> g.exact("HEXISTS", g.key(), g.field()))
                .gen(g -> g.sorted(g.pick("HGETALL", "HKEYS", "HVALS"), g.key()))
                .gen(g -> g.exact("HINCRBY", g.key(), g.field(), g.integer()))
                .gen(g -> g.exact("HINCRBYFLOAT", g.key(), g.field(), g.pick("0.5", "-1.25", "3", "x")))
                .gen(g -> g.exact("HSTRLEN", g.key(), g.field()))
                .gen(3, g -> g.chance(0.5) ? g.kind("HRANDFIELD", g.key())
                        : g.kind("HRANDFIELD", g.key(), g.pick("-3", "2", "0"), "WITHVALUES"))
                .gen(1, g -> g.exact(g.pick("HSET", "HGET", "HMGET", "HDEL"), g.key()))
                .gen(3, g -> g.exact("DEL", g.key()))
                .build();
    }

    static Family lists() {
        return Family.named("lists").keys("l")
                .commands("DEL", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LPOP", "RPOP", "LLEN", "LRANGE", "LINDEX", "LSET",
                        "LREM", "LINSERT", "LTRIM", "LPOS", "LMOVE", "RPOPLPUSH", "LMPOP")
                .gen(20, g -> g.exact(g.pick("LPUSH", "RPUSH"), g.key(), g.member(), g.member()))
                .gen(g -> g.exact(g.pick("LPUSHX", "RPUSHX"), g.key(), g.member()))
                .gen(g -> g.chance(0.5) ? g.exact(g.pick("LPOP", "RPOP"), g.key())
                        : g.exact(g.pick("LPOP", "RPOP"), g.key(), g.pick("0", "2", "10", "-1")))
                .gen(g -> g.exact("LLEN", g.key()))
                .gen(g -> g.exact("LRANGE", g.key(), g.integer(), g.integer()))
                .gen(g -> g.exact("LINDEX", g.key(), g.integer()))
                .gen(g -> g.exact("LSET", g.key(), g.chance(0.95) ? g.between(-3, 3) : g.integer(), g.member()))
                .gen(g -> g.exact("LREM", g.key(), g.integer(), g.member()))
                .gen(g -> g.exact("LINSERT", g.key(), g.chance(0.95) ? g.pick("BEFORE", "AFTER") : "MIDDLE", g.member(), g.member()))
                .gen(g -> g.exact("LTRIM", g.key(), g.integer(), g.integer()))
                .gen(g -> lpos(g))
                .gen(g -> g.exact("LMOVE", g.key(), g.key(), g.pick("LEFT", "RIGHT"), g.pick("LEFT", "RIGHT")))
                .gen(g -> g.exact("RPOPLPUSH", g.key(), g.key()))
                .gen(g -> g.chance(0.5) ? g.exact("LMPOP", "2", g.key(), g.key(), g.pick("LEFT", "RIGHT"))
                        : g.exact("LMPOP", "1", g.key(), g.pick("LEFT", "RIGHT"), "COUNT", g.pick("1", "3", "0")))
                .gen(3, g -> g.exact("DEL", g.key()))
                .build();
    }

    /** Streams with explicit ids from a small range, so that adds collide with the top item and trims interleave. */
    static Family streams() {
        return Family.named("streams").keys("x")
                .commands("DEL", "XADD", "XLEN", "XRANGE", "XREVRANGE", "XDEL", "XTRIM", "XSETID", "XINFO", "XREAD")
                .gen(20, g -> xadd(g))
                .gen(2, g -> g.exact("XLEN", g.key()))
                .gen(3, g -> g.chance(0.6) ? g.exact(g.pick("XRANGE", "XREVRANGE"), g.key(), bound(g), bound(g))
                        : g.exact(g.pick("XRANGE", "XREVRANGE"), g.key(), bound(g), bound(g), "COUNT", g.pick("0", "1", "3", "-1")))
                .gen(3, g -> g.exact("XDEL", g.key(), streamId(g), streamId(g)))
                .gen(2, g -> g.exact(with(List.of("XTRIM", g.key()), trimming(g))))
                .gen(g -> g.exact("XSETID", g.key(), streamId(g)))
                .gen(2, g -> g.exact("XINFO", "STREAM", g.key()))
                .gen(2, g -> g.chance(0.5) ? g.exact("XREAD", "STREAMS", g.key(), g.key(), streamId(g), g.pick("0", "$"))
                        : g.exact("XREAD", "COUNT", g.pick("1", "2"), "STREAMS", g.key(), streamId(g)))
                .gen(1, g -> g.exact("DEL", g.key()))
                .build();
    }

    /** Consumer groups on a few streams; claims use min-idle 0 and no idle-time reply, so replies stay deterministic. */
    static Family streamGroups() {
        return Family.named("stream-groups").keys("x")
                .commands("DEL", "XADD", "XDEL", "XTRIM", "XSETID", "XGROUP", "XREADGROUP", "XACK", "XPENDING", "XCLAIM",
                        "XAUTOCLAIM", "XINFO")
                .gen(10, g -> g.exact("XADD", g.key(), streamId(g), "f", g.value()))
                .gen(2, g -> g.exact("XDEL", g.key(), streamId(g), streamId(g)))
                .gen(1, g -> g.exact(with(List.of("XTRIM", g.key()), trimming(g))))
                .gen(1, g -> g.exact("XSETID", g.key(), streamId(g)))
                .gen(4, g -> g.chance(0.7) ? g.exact("XGROUP", "CREATE", g.key(), group(g), g.pick("0", "$", streamId(g)), "MKSTREAM")
                        : g.exact("XGROUP", "CREATE", g.key(), group(g), streamId(g), "ENTRIESREAD", g.pick("0", "2", "-1")))
                .gen(2, g -> g.chance(0.5) ? g.exact("XGROUP", "SETID", g.key(), group(g), g.pick("0", "$", streamId(g)))
                        : g.exact("XGROUP", "SETID", g.key(), group(g), streamId(g), "ENTRIESREAD", g.pick("0", "3", "-1")))
                .gen(1, g -> g.exact("XGROUP", "DESTROY", g.key(), group(g)))
                .gen(1, g -> g.exact("XGROUP", g.pick("CREATECONSUMER", "DELCONSUMER"), g.key(), group(g), consumer(g)))
                .gen(8, g -> g.chance(0.7)
                        ? g.exact("XREADGROUP", "GROUP", group(g), consumer(g), "COUNT", g.pick("1", "2", "5"), "STREAMS", g.key(), ">")
                        : g.exact("XREADGROUP", "GROUP", group(g), consumer(g), "STREAMS", g.key(), g.pick("0", streamId(g))))
                .gen(1, g -> g.exact("XREADGROUP", "GROUP", group(g), consumer(g), "NOACK", "STREAMS", g.key(), ">"))
                .gen(3, g -> g.exact("XACK", g.key(), group(g), streamId(g), streamId(g)))
                .gen(3, g -> g.exact("XPENDING", g.key(), group(g)))
                .gen(2, g -> g.exact("XCLAIM", g.key(), group(g), consumer(g), "0", streamId(g), streamId(g),
                        g.pick("JUSTID", "FORCE", "RETRYCOUNT", "LASTID"), g.pick("1", "2-0", "JUSTID")))
                .gen(2, g -> g.exact("XAUTOCLAIM", g.key(), group(g), consumer(g), "0", g.pick("0", "-", streamId(g)),
                        "COUNT", g.pick("1", "2", "10")))
                .gen(3, g -> g.exact("XINFO", "GROUPS", g.key()))
                .gen(1, g -> g.exact("DEL", g.key()))
                .build();
    }

    private static String group(Gen g) {
        return g.pick("g1", "g1", "g2");
    }

    private static String consumer(Gen g) {
        return g.pick("alice", "bob", "carol");
    }

    private static String streamId(Gen g) {
        return g.between(0, 20) + (g.chance(0.8) ? "-" + g.between(0, 3) : "");
    }

    private static String bound(Gen g) {
        return g.chance(0.3) ? g.pick("-", "+") : (g.chance(0.3) ? "(" : "") + streamId(g);
    }

    private static List<Object> trimming(Gen g) {
        List<Object> w = new ArrayList<>();
        boolean maxLen = g.chance(0.6);
        w.add(maxLen ? "MAXLEN" : "MINID");
        boolean approx = g.chance(0.4);
        if (approx) w.add("~");
        else if (g.chance(0.3)) w.add("=");
        w.add(maxLen ? Integer.toString(g.between(0, 6)) : streamId(g));
        if (approx && g.chance(0.3)) w.addAll(List.of("LIMIT", g.pick("0", "1", "100")));
        return w;
    }

    private static Step xadd(Gen g) {
        List<Object> w = new ArrayList<>(List.of("XADD", g.key()));
        if (g.chance(0.1)) w.add("NOMKSTREAM");
        if (g.chance(0.25)) w.addAll(trimming(g));
        w.add(g.chance(0.3) ? g.between(0, 20) + "-*" : streamId(g));
        w.add(g.field());
        // Long values fill Redis's 4096-byte nodes in a few entries, so trims and deletes span several nodes.
        w.add(g.chance(0.3) ? "v".repeat(g.between(200, 1500)) : g.value());
        if (g.chance(0.3)) w.addAll(List.of(g.field(), g.value()));
        return g.exact(w.toArray());
    }

    private static Object[] with(List<Object> head, List<Object> tail) {
        List<Object> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray();
    }

    private static Step lpos(Gen g) {
        List<Object> w = new ArrayList<>(List.of("LPOS", g.key(), g.member()));
        if (g.chance(0.4)) w.addAll(List.of("RANK", g.pick("1", "-1", "2", "0")));
        if (g.chance(0.4)) w.addAll(List.of("COUNT", g.pick("0", "1", "3", "-1")));
        if (g.chance(0.2)) w.addAll(List.of("MAXLEN", g.pick("0", "2", "-1")));
        return g.exact(w.toArray());
    }

    private static String setMember(Gen g) {
        return g.chance(0.4) ? Integer.toString(g.between(-2, 6)) : g.member();
    }

    static Family sets() {
        return Family.named("sets").keys("t")
                .commands("DEL", "SADD", "SREM", "SCARD", "SISMEMBER", "SMISMEMBER", "SMEMBERS", "SINTER", "SUNION", "SDIFF",
                        "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE", "SMOVE", "SRANDMEMBER", "SPOP", "SINTERCARD")
                .gen(20, g -> g.exact("SADD", g.key(), setMember(g), setMember(g)))
                .gen(g -> g.exact("SREM", g.key(), setMember(g), setMember(g)))
                .gen(g -> g.exact("SCARD", g.key()))
                .gen(g -> g.exact("SISMEMBER", g.key(), setMember(g)))
                .gen(g -> g.exact("SMISMEMBER", g.key(), setMember(g), setMember(g)))
                .gen(g -> g.sorted("SMEMBERS", g.key()))
                .gen(g -> g.sorted(g.pick("SINTER", "SUNION", "SDIFF"), g.key(), g.key()))
                .gen(g -> g.exact(g.pick("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"), g.key(), g.key(), g.key()))
                .gen(g -> g.exact("SMOVE", g.key(), g.key(), setMember(g)))
                .gen(3, g -> g.chance(0.5) ? g.kind("SRANDMEMBER", g.key())
                        : g.kind("SRANDMEMBER", g.key(), g.pick("-3", "2", "0", "20")))
                // Popping every member is deterministic; popping some is not and would desynchronize the sides.
                .gen(2, g -> g.sorted("SPOP", g.key(), "20"))
                .gen(g -> g.chance(0.5) ? g.exact("SINTERCARD", "2", g.key(), g.key())
                        : g.exact("SINTERCARD", "1", g.key(), "LIMIT", g.pick("0", "1", "-1")))
                .gen(3, g -> g.exact("DEL", g.key()))
                .build();
    }

    /**
     * Geo sets: positions drawn from a few clusters (and the poles and antimeridian) so that searches find
     * something. Sorted searches are compared order-insensitively, as members may share a position and Redis's
     * sort is not stable; COUNT without ANY is left to the corpus for the same reason, and so is STOREDIST, whose
     * full-precision distances can differ from glibc's in the last bit (see GeoCommandsTest).
     */
    static Family geo() {
        return Family.named("geo").keys("g")
                .commands("DEL", "ZREM", "ZADD", "GEOADD", "GEOPOS", "GEODIST", "GEOHASH", "GEOSEARCH", "GEOSEARCHSTORE",
                        "GEORADIUS", "GEORADIUS_RO", "GEORADIUSBYMEMBER", "GEORADIUSBYMEMBER_RO", "ZRANGE")
                .gen(12, g -> {
                    List<Object> w = new ArrayList<>(List.of("GEOADD", g.key()));
                    if (g.chance(0.3)) w.add(g.pick("NX", "XX", "CH"));
                    for (int i = g.between(1, 3); i > 0; i--) {
                        String[] p = position(g);
                        w.addAll(List.of(p[0], p[1], g.member()));
                    }
                    return g.exact(w.toArray());
                })
                .gen(g -> g.exact("GEOPOS", g.key(), g.member(), g.member()))
                .gen(g -> g.exact("GEODIST", g.key(), g.member(), g.member(), g.pick("m", "km", "mi", "ft", "yd")))
                .gen(g -> g.exact("GEOHASH", g.key(), g.member(), g.member()))
                .gen(4, g -> {
                    List<Object> w = new ArrayList<>(List.of("GEOSEARCH", g.key()));
                    w.addAll(origin(g));
                    w.addAll(area(g));
                    w.addAll(List.of("WITHDIST", "WITHHASH", "WITHCOORD"));
                    if (g.chance(0.3)) return g.exact(w.toArray()); // unsorted: cell order, then score order
                    if (g.chance(0.3)) {
                        w.addAll(List.of("COUNT", g.pick("1", "2"), "ANY"));
                        return g.exact(w.toArray());
                    }
                    w.add(g.pick("ASC", "DESC"));
                    return g.sorted(w.toArray());
                })
                .gen(2, g -> {
                    List<Object> w = new ArrayList<>(List.of("GEOSEARCHSTORE", g.key(), g.key()));
                    w.addAll(origin(g));
                    w.addAll(area(g));
                    return g.exact(w.toArray());
                })
                .gen(2, g -> {
                    String[] p = position(g);
                    return g.sorted(g.pick("GEORADIUS", "GEORADIUS_RO"), g.key(), p[0], p[1], radius(g), "km", "WITHDIST");
                })
                .gen(g -> g.exact("GEORADIUSBYMEMBER", g.key(), g.member(), radius(g), "km", "STORE", g.key()))
                .gen(g -> g.sorted("GEORADIUSBYMEMBER_RO", g.key(), g.member(), radius(g), "km", "WITHCOORD"))
                .gen(g -> g.exact("ZRANGE", g.key(), "0", "-1", "WITHSCORES"))
                .gen(g -> g.exact("ZREM", g.key(), g.member()))
                .gen(g -> g.exact("ZADD", g.key(), g.pick("-1", "0", "3.5", "1e300", "4503599627370495"), g.member()))
                .gen(g -> g.exact("DEL", g.key()))
                .build();
    }

    private static String[] position(Gen g) {
        String[][] centres = {{"13.36", "38.11"}, {"179.99", "0.5"}, {"-179.99", "0.5"}, {"0", "85.05"},
                {"0", "-85.05"}, {"-74.0", "40.7"}};
        String[] c = g.pick(centres);
        double lon = Math.max(-180, Math.min(180, Double.parseDouble(c[0]) + (g.nextInt(2001) - 1000) / 1000.0));
        double lat = Math.max(-85.05, Math.min(85.05, Double.parseDouble(c[1]) + (g.nextInt(2001) - 1000) / 1000.0));
        if (g.chance(0.05)) return new String[] {g.pick("181", "x"), "0"};
        return new String[] {Double.toString(lon), Double.toString(lat)};
    }

    private static List<Object> origin(Gen g) {
        if (g.chance(0.4)) return List.of("FROMMEMBER", g.member());
        String[] p = position(g);
        return List.of("FROMLONLAT", p[0], p[1]);
    }

    private static List<Object> area(Gen g) {
        if (g.chance(0.5)) return List.of("BYRADIUS", radius(g), g.pick("km", "mi"));
        return List.of("BYBOX", radius(g), radius(g), g.pick("km", "mi"));
    }

    private static String radius(Gen g) {
        return g.pick("0", "1", "50", "150", "400", "3000", "20000");
    }

    static Family sortedSets() {
        return Family.named("sorted-sets").keys("z")
                .commands("DEL", "ZADD", "ZREM", "ZCARD", "ZSCORE", "ZMSCORE", "ZINCRBY", "ZRANK", "ZREVRANK", "ZCOUNT",
                        "ZRANGE", "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZRANGEBYLEX", "ZLEXCOUNT", "ZPOPMIN",
                        "ZPOPMAX", "ZUNIONSTORE", "ZINTERSTORE", "ZRANDMEMBER", "ZREMRANGEBYRANK",
                        "ZREMRANGEBYSCORE")
                .gen(20, g -> zadd(g))
                .gen(g -> g.exact("ZREM", g.key(), g.member(), g.member()))
                .gen(g -> g.exact("ZCARD", g.key()))
                .gen(g -> g.exact("ZSCORE", g.key(), g.member()))
                .gen(g -> g.exact("ZMSCORE", g.key(), g.member(), g.member()))
                .gen(g -> g.exact("ZINCRBY", g.key(), g.score(), g.member()))
                .gen(g -> g.exact(g.pick("ZRANK", "ZREVRANK"), g.key(), g.member()))
                .gen(g -> g.exact("ZCOUNT", g.key(), scoreBound(g), scoreBound(g)))
                .gen(g -> zrange(g))
                .gen(g -> g.exact(g.pick("ZRANGEBYSCORE", "ZREVRANGEBYSCORE"), g.key(), scoreBound(g), scoreBound(g),
                        "WITHSCORES"))
                .gen(g -> g.exact(g.pick("ZRANGEBYLEX", "ZLEXCOUNT"), g.key(), lexBound(g), lexBound(g)))
                .gen(g -> g.chance(0.5) ? g.exact(g.pick("ZPOPMIN", "ZPOPMAX"), g.key())
                        : g.exact(g.pick("ZPOPMIN", "ZPOPMAX"), g.key(), g.pick("0", "2", "-1")))
                .gen(g -> zstore(g))
                .gen(3, g -> g.chance(0.5) ? g.kind("ZRANDMEMBER", g.key())
                        : g.kind("ZRANDMEMBER", g.key(), g.pick("-3", "2", "0"), "WITHSCORES"))
                .gen(3, g -> g.exact("ZREMRANGEBYRANK", g.key(), g.integer(), g.integer()))
                .gen(3, g -> g.exact("ZREMRANGEBYSCORE", g.key(), scoreBound(g), scoreBound(g)))
                .gen(3, g -> g.exact("DEL", g.key()))
                .build();
    }

    private static Step zadd(Gen g) {
        List<Object> w = new ArrayList<>(List.of("ZADD", g.key()));
        if (g.chance(0.2)) w.add(g.pick("NX", "XX"));
        if (g.chance(0.2)) w.add(g.pick("GT", "LT"));
        if (g.chance(0.2)) w.add("CH");
        boolean incr = g.chance(0.1);
        if (incr) w.add("INCR");
        int pairs = incr ? 1 : g.between(1, 3);
        for (int i = 0; i < pairs; i++) {
            w.add(g.score());
            w.add(g.member());
        }
        return g.exact(w.toArray());
    }

    private static String scoreBound(Gen g) {
        return switch (g.nextInt(4)) {
            case 0 -> "(" + g.between(-6, 12);
            case 1 -> g.pick("-inf", "+inf", "x");
            default -> Integer.toString(g.between(-6, 12));
        };
    }

    private static String lexBound(Gen g) {
        return g.pick("-", "+", "[m1", "(m3", "[m5", "m2");
    }

    private static Step zrange(Gen g) {
        List<Object> w = new ArrayList<>(List.of("ZRANGE", g.key()));
        boolean byScore = g.chance(0.3);
        boolean byLex = !byScore && g.chance(0.2);
        if (byScore) w.addAll(List.of(scoreBound(g), scoreBound(g), "BYSCORE"));
        else if (byLex) w.addAll(List.of(lexBound(g), lexBound(g), "BYLEX"));
        else w.addAll(List.of(g.integer(), g.integer()));
        if (g.chance(0.3)) w.add("REV");
        if (g.chance(0.2)) w.addAll(List.of("LIMIT", g.pick("0", "1"), g.pick("2", "-1", "0")));
        if (!byLex && g.chance(0.4)) w.add("WITHSCORES");
        return g.exact(w.toArray());
    }

    private static Step zstore(Gen g) {
        List<Object> w = new ArrayList<>(List.of(g.pick("ZUNIONSTORE", "ZINTERSTORE"), g.key(), "2", g.key(), g.key()));
        if (g.chance(0.3)) w.addAll(List.of("WEIGHTS", g.pick("1", "2", "-1", "0.5"), g.pick("1", "3")));
        if (g.chance(0.3)) w.addAll(List.of("AGGREGATE", g.pick("SUM", "MIN", "MAX", "AVG")));
        return g.exact(w.toArray());
    }
}
