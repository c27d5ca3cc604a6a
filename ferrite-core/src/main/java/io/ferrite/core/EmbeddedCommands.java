package io.ferrite.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import static io.ferrite.core.Argv.word;

/**
 * {@link FerriteCommands} over the engine's dispatcher: each method builds an argument vector, runs it through
 * {@link Session#execute} into a {@link Capture}, and converts what was captured. No command logic lives here.
 *
 * <p>Threading: a {@link Session} (with its reusable command context) and a {@link Capture} are confined to one
 * thread, so each thread using this object gets its own pair, a "lane", created on first use and kept in a
 * {@link ThreadLocal}. Compared with a session per call this costs nothing per command (no session, context or
 * sink to allocate, no client id to draw); compared with one shared session it needs no lock, so threads only
 * contend on the shards their keys live in, as network clients do. A lane is a few small objects; it goes away
 * with its thread, or with this object once unreachable. The selected database is this object's state, not a
 * lane's: each lane follows {@link #db} before every command.
 *
 * <p>Blocking commands do not use the lanes: a parked command keeps its session until it is served, so each
 * blocking call gets a session of its own and runs through {@link Session#callAsyncOwned}, whose future the
 * engine completes with a {@link Reply} from whichever thread serves or times it out. The synchronous forms wait
 * on that future.
 */
final class EmbeddedCommands<K, V> implements FerriteCommands<K, V> {
    private static final byte[] PING = word("PING");
    private static final byte[] ECHO = word("ECHO");
    private static final byte[] SELECT = word("SELECT");
    private static final byte[] DBSIZE = word("DBSIZE");
    private static final byte[] FLUSHDB = word("FLUSHDB");
    private static final byte[] FLUSHALL = word("FLUSHALL");

    private static final byte[] SET = word("SET");
    private static final byte[] GET = word("GET");
    private static final byte[] GETDEL = word("GETDEL");
    private static final byte[] GETEX = word("GETEX");
    private static final byte[] GETRANGE = word("GETRANGE");
    private static final byte[] GETSET = word("GETSET");
    private static final byte[] INCR = word("INCR");
    private static final byte[] INCRBY = word("INCRBY");
    private static final byte[] INCRBYFLOAT = word("INCRBYFLOAT");
    private static final byte[] DECR = word("DECR");
    private static final byte[] DECRBY = word("DECRBY");
    private static final byte[] APPEND = word("APPEND");
    private static final byte[] MGET = word("MGET");
    private static final byte[] MSET = word("MSET");
    private static final byte[] MSETNX = word("MSETNX");
    private static final byte[] SETNX = word("SETNX");
    private static final byte[] SETEX = word("SETEX");
    private static final byte[] PSETEX = word("PSETEX");
    private static final byte[] SETRANGE = word("SETRANGE");
    private static final byte[] STRLEN = word("STRLEN");
    private static final byte[] LCS = word("LCS");
    private static final byte[] LEN = word("LEN");

    private static final byte[] SETBIT = word("SETBIT");
    private static final byte[] GETBIT = word("GETBIT");
    private static final byte[] BITCOUNT = word("BITCOUNT");
    private static final byte[] BITPOS = word("BITPOS");
    private static final byte[] BITOP = word("BITOP");
    private static final byte[] AND = word("AND");
    private static final byte[] OR = word("OR");
    private static final byte[] XOR = word("XOR");
    private static final byte[] NOT = word("NOT");
    private static final byte[] BITFIELD = word("BITFIELD");
    private static final byte[] GEOADD = word("GEOADD");
    private static final byte[] GEOPOS = word("GEOPOS");
    private static final byte[] GEODIST = word("GEODIST");
    private static final byte[] GEOHASH = word("GEOHASH");
    private static final byte[] GEOSEARCH = word("GEOSEARCH");
    private static final byte[] FROMLONLAT = word("FROMLONLAT");
    private static final byte[] BYRADIUS = word("BYRADIUS");
    private static final byte[] ASC = word("ASC");
    private static final byte[] PFADD = word("PFADD");
    private static final byte[] PFCOUNT = word("PFCOUNT");
    private static final byte[] PFMERGE = word("PFMERGE");

    private static final byte[] DEL = word("DEL");
    private static final byte[] UNLINK = word("UNLINK");
    private static final byte[] EXISTS = word("EXISTS");
    private static final byte[] TOUCH = word("TOUCH");
    private static final byte[] EXPIRE = word("EXPIRE");
    private static final byte[] PEXPIRE = word("PEXPIRE");
    private static final byte[] EXPIREAT = word("EXPIREAT");
    private static final byte[] PEXPIREAT = word("PEXPIREAT");
    private static final byte[] TTL = word("TTL");
    private static final byte[] PTTL = word("PTTL");
    private static final byte[] PERSIST = word("PERSIST");
    private static final byte[] TYPE = word("TYPE");
    private static final byte[] KEYS = word("KEYS");
    private static final byte[] SCAN = word("SCAN");
    private static final byte[] RENAME = word("RENAME");
    private static final byte[] RENAMENX = word("RENAMENX");
    private static final byte[] COPY = word("COPY");
    private static final byte[] MOVE = word("MOVE");
    private static final byte[] DUMP = word("DUMP");
    private static final byte[] RESTORE = word("RESTORE");
    private static final byte[] REPLACE = word("REPLACE");
    private static final byte[] RANDOMKEY = word("RANDOMKEY");

    private static final byte[] HSET = word("HSET");
    private static final byte[] HSETNX = word("HSETNX");
    private static final byte[] HGET = word("HGET");
    private static final byte[] HMGET = word("HMGET");
    private static final byte[] HGETALL = word("HGETALL");
    private static final byte[] HDEL = word("HDEL");
    private static final byte[] HEXISTS = word("HEXISTS");
    private static final byte[] HINCRBY = word("HINCRBY");
    private static final byte[] HLEN = word("HLEN");
    private static final byte[] HKEYS = word("HKEYS");
    private static final byte[] HVALS = word("HVALS");

    private static final byte[] LPUSH = word("LPUSH");
    private static final byte[] RPUSH = word("RPUSH");
    private static final byte[] LPOP = word("LPOP");
    private static final byte[] RPOP = word("RPOP");
    private static final byte[] LRANGE = word("LRANGE");
    private static final byte[] LLEN = word("LLEN");
    private static final byte[] LINDEX = word("LINDEX");
    private static final byte[] LREM = word("LREM");
    private static final byte[] LSET = word("LSET");
    private static final byte[] LTRIM = word("LTRIM");
    private static final byte[] LMOVE = word("LMOVE");
    private static final byte[] BLPOP = word("BLPOP");
    private static final byte[] BRPOP = word("BRPOP");
    private static final byte[] BLMOVE = word("BLMOVE");
    private static final byte[] BRPOPLPUSH = word("BRPOPLPUSH");

    private static final byte[] SADD = word("SADD");
    private static final byte[] SREM = word("SREM");
    private static final byte[] SMEMBERS = word("SMEMBERS");
    private static final byte[] SISMEMBER = word("SISMEMBER");
    private static final byte[] SCARD = word("SCARD");
    private static final byte[] SPOP = word("SPOP");
    private static final byte[] SRANDMEMBER = word("SRANDMEMBER");
    private static final byte[] SINTER = word("SINTER");
    private static final byte[] SUNION = word("SUNION");
    private static final byte[] SDIFF = word("SDIFF");

    private static final byte[] ZADD = word("ZADD");
    private static final byte[] INCR_OPTION = word("INCR");
    private static final byte[] ZINCRBY = word("ZINCRBY");
    private static final byte[] ZSCORE = word("ZSCORE");
    private static final byte[] ZRANK = word("ZRANK");
    private static final byte[] ZREM = word("ZREM");
    private static final byte[] ZCARD = word("ZCARD");
    private static final byte[] ZCOUNT = word("ZCOUNT");
    private static final byte[] ZRANGE = word("ZRANGE");
    private static final byte[] WITHSCORES = word("WITHSCORES");
    private static final byte[] ZPOPMIN = word("ZPOPMIN");
    private static final byte[] ZPOPMAX = word("ZPOPMAX");
    private static final byte[] BZPOPMIN = word("BZPOPMIN");
    private static final byte[] BZPOPMAX = word("BZPOPMAX");

    private static final class Lane {
        final Session session;
        final Capture capture = new Capture();
        /** A command of this lane is executing: a call made meanwhile on the same thread needs a lane of its own. */
        boolean busy;

        Lane(Session session) {
            this.session = session;
            session.protocol(3);
        }
    }

    private final Ferrite engine;
    private final RedisCodec<K, V> codec;
    private final ThreadLocal<Lane> lanes;
    /** The database every lane's session selects before a command (SELECT changes it for the whole object). */
    private volatile int db;

    private final Capture.Decoder valueDecoder;
    private final Capture.Decoder keyDecoder;
    private final Capture.Decoder fieldValueDecoder;
    private final Capture.Decoder memberScoreDecoder;
    private final Capture.Decoder cursorKeysDecoder;
    private static final Capture.Decoder TEXT =
            (leaf, b, off, len) -> new String(b, off, len, StandardCharsets.UTF_8);
    private static final Capture.Decoder BYTES = (leaf, b, off, len) -> Arrays.copyOfRange(b, off, off + len);

    EmbeddedCommands(Ferrite engine, RedisCodec<K, V> codec) {
        this.engine = engine;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.lanes = ThreadLocal.withInitial(() -> new Lane(engine.newSession()));
        valueDecoder = (leaf, b, off, len) -> codec.decodeValue(b, off, len);
        keyDecoder = (leaf, b, off, len) -> codec.decodeKey(b, off, len);
        fieldValueDecoder = (leaf, b, off, len) ->
                (leaf & 1) == 0 ? codec.decodeKey(b, off, len) : codec.decodeValue(b, off, len);
        memberScoreDecoder = (leaf, b, off, len) ->
                (leaf & 1) == 0 ? codec.decodeValue(b, off, len) : new String(b, off, len, StandardCharsets.US_ASCII);
        cursorKeysDecoder = (leaf, b, off, len) ->
                leaf == 0 ? new String(b, off, len, StandardCharsets.US_ASCII) : codec.decodeKey(b, off, len);
    }

    // ---------------------------------------------------------------- running a command

    private Capture run(Capture.Decoder decoder, byte[]... argv) {
        return run(decoder, argv, argv.length);
    }

    private Capture run(Capture.Decoder decoder, Argv argv) {
        return run(decoder, argv.words, argv.count);
    }

    private Capture run(Capture.Decoder decoder, byte[][] argv, int argc) {
        Lane lane = lanes.get();
        // A write that serves a blocked command completes its future on this thread, inside execute(); a
        // dependent stage calling back in must not reuse the session and capture of the command still running.
        if (lane.busy) lane = new Lane(engine.newSession());
        Session session = lane.session;
        int selected = db;
        if (session.db() != selected) session.select(selected);
        Capture c = lane.capture;
        c.reset(decoder);
        lane.busy = true;
        try {
            session.execute(argv, argc, c);
        } finally {
            lane.busy = false;
        }
        if (c.error != null) {
            String message = c.error;
            c.release();
            throw new FerriteException(message);
        }
        return c;
    }

    /**
     * Runs a blocking command on a session of its own (RESP3, the selected database). The future completes with
     * {@code convert}'s result once the engine answers; cancelling it withdraws a parked command.
     */
    private <T> CompletableFuture<T> runBlocking(Argv argv, Function<Reply, T> convert) {
        Session session = engine.newSession();
        session.protocol(3);
        session.select(db);
        byte[][] words = argv.count == argv.words.length ? argv.words : Arrays.copyOf(argv.words, argv.count);
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((v, failure) -> {
            if (failure instanceof CancellationException) session.cancelBlocked();
        });
        session.callAsyncOwned(words).whenComplete((reply, failure) -> {
            try {
                if (failure != null) result.completeExceptionally(failure);
                else if (reply instanceof Reply.Error e) result.completeExceptionally(new FerriteException(e.message()));
                else result.complete(convert.apply(reply));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Waits for a blocking command's future on the calling thread; an interrupt withdraws the command. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while blocked", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private byte[] key(K key) {
        return codec.encodeKey(Objects.requireNonNull(key, "key"));
    }

    private byte[] value(V value) {
        return codec.encodeValue(Objects.requireNonNull(value, "value"));
    }

    // ---------------------------------------------------------------- converting what was captured

    private static String status(Capture c) {
        Object s = c.kind == Capture.NULL ? null : c.scalar;
        c.release();
        return s == null ? null : s.toString();
    }

    private static Long integer(Capture c) {
        if (c.kind == Capture.NULL) return null;
        if (c.kind != Capture.INTEGER) throw unexpected(c);
        return c.integer;
    }

    private static Boolean bool(Capture c) {
        if (c.kind != Capture.INTEGER) throw unexpected(c);
        return c.integer != 0;
    }

    @SuppressWarnings("unchecked")
    private static <T> T scalar(Capture c) {
        if (c.kind == Capture.AGGREGATE) throw unexpected(c);
        Object v = c.scalar;
        c.release();
        return (T) v;
    }

    /** A double reply: RESP3 sends a double, INCRBYFLOAT and RESP2-style replies send its text. */
    private static Double dbl(Capture c) {
        if (c.kind == Capture.DOUBLE) return c.dbl;
        Object v = scalar(c);
        return v == null ? null : parseDouble(v);
    }

    private static double parseDouble(Object v) {
        if (v instanceof Double d) return d;
        String s = v.toString();
        if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("+inf")) return Double.POSITIVE_INFINITY;
        if (s.equalsIgnoreCase("-inf")) return Double.NEGATIVE_INFINITY;
        return Double.parseDouble(s);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Capture c) {
        if (c.kind == Capture.NULL) return new ArrayList<>(0);
        if (c.kind != Capture.AGGREGATE) throw unexpected(c);
        List<T> out = new ArrayList<>((List<T>) c.elements);
        c.release();
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> Set<T> set(Capture c) {
        if (c.kind == Capture.NULL) return new LinkedHashSet<>(0);
        if (c.kind != Capture.AGGREGATE) throw unexpected(c);
        Set<T> out = new LinkedHashSet<>((List<T>) c.elements);
        c.release();
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> map(Capture c) {
        if (c.kind == Capture.NULL) return new LinkedHashMap<>(0);
        if (c.kind != Capture.AGGREGATE) throw unexpected(c);
        List<Object> e = c.elements;
        Map<K, V> out = new LinkedHashMap<>(Math.max(4, e.size()));
        for (int i = 0; i + 1 < e.size(); i += 2) out.put((K) e.get(i), (V) e.get(i + 1));
        c.release();
        return out;
    }

    @SuppressWarnings("unchecked")
    private <F> List<KeyValue<F, V>> zip(Capture c, F[] requested) {
        if (c.kind != Capture.AGGREGATE) throw unexpected(c);
        List<Object> e = c.elements;
        List<KeyValue<F, V>> out = new ArrayList<>(requested.length);
        for (int i = 0; i < requested.length && i < e.size(); i++) out.add(new KeyValue<>(requested[i], (V) e.get(i)));
        c.release();
        return out;
    }

    /** Alternating member, score leaves (flat or nested pairs alike) as scored values. */
    @SuppressWarnings("unchecked")
    private List<ScoredValue<V>> scored(Capture c) {
        if (c.kind == Capture.NULL) return new ArrayList<>(0);
        if (c.kind != Capture.AGGREGATE) throw unexpected(c);
        List<Object> e = c.elements;
        List<ScoredValue<V>> out = new ArrayList<>(e.size() / 2);
        for (int i = 0; i + 1 < e.size(); i += 2) out.add(new ScoredValue<>(parseDouble(e.get(i + 1)), (V) e.get(i)));
        c.release();
        return out;
    }

    private ScoredValue<V> scoredOne(Capture c) {
        List<ScoredValue<V>> all = scored(c);
        return all.isEmpty() ? null : all.get(0);
    }

    /** A bulk reply's bytes; null for a null reply. */
    private static byte[] bytes(Reply r) {
        if (r instanceof Reply.Null) return null;
        if (r instanceof Reply.Bulk b) return b.value();
        throw new IllegalStateException("unexpected reply " + r);
    }

    private V valueOf(Reply r) {
        byte[] b = bytes(r);
        return b == null ? null : codec.decodeValue(b, 0, b.length);
    }

    private K keyOf(Reply r) {
        byte[] b = bytes(r);
        return codec.decodeKey(b, 0, b.length);
    }

    /** BLPOP and BRPOP: [key, element], or null on timeout. */
    private KeyValue<K, V> keyAndValue(Reply r) {
        if (r instanceof Reply.Null) return null;
        List<Reply> e = r.elements();
        return new KeyValue<>(keyOf(e.get(0)), valueOf(e.get(1)));
    }

    /** BZPOPMIN and BZPOPMAX: [key, member, score], or null on timeout. */
    private KeyValue<K, ScoredValue<V>> keyAndScored(Reply r) {
        if (r instanceof Reply.Null) return null;
        List<Reply> e = r.elements();
        Reply score = e.get(2);
        double s = score instanceof Reply.Double d ? d.value() : parseDouble(score.text());
        return new KeyValue<>(keyOf(e.get(0)), new ScoredValue<>(s, valueOf(e.get(1))));
    }

    @SuppressWarnings("unchecked")
    private KeyScanCursor<K> scanCursor(Capture c) {
        if (c.kind != Capture.AGGREGATE || c.elements.isEmpty()) throw unexpected(c);
        List<Object> e = c.elements;
        String cursor = (String) e.get(0);
        List<K> keys = new ArrayList<>(e.size() - 1);
        for (int i = 1; i < e.size(); i++) keys.add((K) e.get(i));
        c.release();
        return new KeyScanCursor<>(cursor, keys);
    }

    private static IllegalStateException unexpected(Capture c) {
        int kind = c.kind;
        c.release();
        return new IllegalStateException("unexpected reply kind " + kind);
    }

    // ---------------------------------------------------------------- connection and server

    @Override public String ping() { return status(run(TEXT, PING)); }

    @Override public V echo(V message) { return scalar(run(valueDecoder, ECHO, value(message))); }

    @Override public String select(int index) {
        String ok = status(run(TEXT, SELECT, Argv.number(index)));
        db = index;
        return ok;
    }

    @Override public Long dbsize() { return integer(run(TEXT, DBSIZE)); }

    @Override public String flushdb() { return status(run(TEXT, FLUSHDB)); }

    @Override public String flushall() { return status(run(TEXT, FLUSHALL)); }

    // ---------------------------------------------------------------- strings

    @Override public String set(K key, V value) { return status(run(TEXT, SET, key(key), value(value))); }

    @Override public String set(K key, V value, SetArgs args) {
        Argv argv = new Argv(7).add(SET).add(key(key)).add(value(value));
        args.appendTo(argv);
        return status(run(TEXT, argv));
    }

    @Override public V setGet(K key, V value) { return scalar(run(valueDecoder, SET, key(key), value(value), GET)); }

    @Override public V setGet(K key, V value, SetArgs args) {
        Argv argv = new Argv(8).add(SET).add(key(key)).add(value(value));
        args.appendTo(argv);
        return scalar(run(valueDecoder, argv.add(GET)));
    }

    @Override public V get(K key) { return scalar(run(valueDecoder, GET, key(key))); }

    @Override public V getdel(K key) { return scalar(run(valueDecoder, GETDEL, key(key))); }

    @Override public V getex(K key, GetExArgs args) {
        Argv argv = new Argv(4).add(GETEX).add(key(key));
        args.appendTo(argv);
        return scalar(run(valueDecoder, argv));
    }

    @Override public V getrange(K key, long start, long end) {
        return scalar(run(valueDecoder, GETRANGE, key(key), Argv.number(start), Argv.number(end)));
    }

    @Override public V getset(K key, V value) { return scalar(run(valueDecoder, GETSET, key(key), value(value))); }

    @Override public Long incr(K key) { return integer(run(TEXT, INCR, key(key))); }

    @Override public Long incrby(K key, long amount) { return integer(run(TEXT, INCRBY, key(key), Argv.number(amount))); }

    @Override public Double incrbyfloat(K key, double amount) {
        return dbl(run(TEXT, INCRBYFLOAT, key(key), Argv.number(amount)));
    }

    @Override public Long decr(K key) { return integer(run(TEXT, DECR, key(key))); }

    @Override public Long decrby(K key, long amount) { return integer(run(TEXT, DECRBY, key(key), Argv.number(amount))); }

    @Override public Long append(K key, V value) { return integer(run(TEXT, APPEND, key(key), value(value))); }

    @SafeVarargs
    @Override public final List<KeyValue<K, V>> mget(K... keys) {
        return zip(run(valueDecoder, command(MGET, keys)), keys);
    }

    @Override public String mset(Map<K, V> map) { return status(run(TEXT, pairs(MSET, null, map))); }

    @Override public Boolean msetnx(Map<K, V> map) { return bool(run(TEXT, pairs(MSETNX, null, map))); }

    @Override public Boolean setnx(K key, V value) { return bool(run(TEXT, SETNX, key(key), value(value))); }

    @Override public String setex(K key, long seconds, V value) {
        return status(run(TEXT, SETEX, key(key), Argv.number(seconds), value(value)));
    }

    @Override public String psetex(K key, long milliseconds, V value) {
        return status(run(TEXT, PSETEX, key(key), Argv.number(milliseconds), value(value)));
    }

    @Override public Long setrange(K key, long offset, V value) {
        return integer(run(TEXT, SETRANGE, key(key), Argv.number(offset), value(value)));
    }

    @Override public Long strlen(K key) { return integer(run(TEXT, STRLEN, key(key))); }

    @Override public V lcs(K key1, K key2) { return scalar(run(valueDecoder, LCS, key(key1), key(key2))); }

    @Override public Long lcsLen(K key1, K key2) { return integer(run(TEXT, LCS, key(key1), key(key2), LEN)); }

    // ---------------------------------------------------------------- bitmaps

    @Override public Long setbit(K key, long offset, int value) {
        return integer(run(TEXT, SETBIT, key(key), Argv.number(offset), Argv.number(value)));
    }

    @Override public Long getbit(K key, long offset) { return integer(run(TEXT, GETBIT, key(key), Argv.number(offset))); }

    @Override public Long bitcount(K key) { return integer(run(TEXT, BITCOUNT, key(key))); }

    @Override public Long bitcount(K key, long start, long end) {
        return integer(run(TEXT, BITCOUNT, key(key), Argv.number(start), Argv.number(end)));
    }

    @Override public Long bitpos(K key, boolean state) { return integer(run(TEXT, BITPOS, key(key), bit(state))); }

    @Override public Long bitpos(K key, boolean state, long start) {
        return integer(run(TEXT, BITPOS, key(key), bit(state), Argv.number(start)));
    }

    @Override public Long bitpos(K key, boolean state, long start, long end) {
        return integer(run(TEXT, BITPOS, key(key), bit(state), Argv.number(start), Argv.number(end)));
    }

    private static byte[] bit(boolean state) {
        return Argv.number(state ? 1 : 0);
    }

    @SafeVarargs
    @Override public final Long bitopAnd(K destination, K... keys) { return integer(run(TEXT, bitop(AND, destination, keys))); }

    @SafeVarargs
    @Override public final Long bitopOr(K destination, K... keys) { return integer(run(TEXT, bitop(OR, destination, keys))); }

    @SafeVarargs
    @Override public final Long bitopXor(K destination, K... keys) { return integer(run(TEXT, bitop(XOR, destination, keys))); }

    @Override public Long bitopNot(K destination, K source) {
        return integer(run(TEXT, BITOP, NOT, key(destination), key(source)));
    }

    /** {@code BITOP operation destination key [key ...]}. */
    private Argv bitop(byte[] operation, K destination, K[] keys) {
        Argv argv = new Argv(keys.length + 3).add(BITOP).add(operation).add(key(destination));
        for (K k : keys) argv.add(key(k));
        return argv;
    }

    @Override public List<Long> bitfield(K key, BitFieldArgs args) {
        Argv argv = new Argv(8).add(BITFIELD).add(key(key));
        Objects.requireNonNull(args, "args").appendTo(argv);
        return list(run(TEXT, argv));
    }

    // ---------------------------------------------------------------- geo

    @Override public Long geoadd(K key, double longitude, double latitude, V member) {
        return integer(run(TEXT, GEOADD, key(key), Argv.number(longitude), Argv.number(latitude), value(member)));
    }

    @SafeVarargs
    @Override public final List<GeoCoordinates> geopos(K key, V... members) {
        // The capture flattens the reply: a missing member is one null, a present one its two coordinates.
        List<Object> leaves = list(run(TEXT, keyAndValues(GEOPOS, key, members)));
        List<GeoCoordinates> out = new ArrayList<>(members.length);
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i) == null) out.add(null);
            else out.add(new GeoCoordinates(parseDouble(leaves.get(i)), parseDouble(leaves.get(++i))));
        }
        return out;
    }

    @Override public Double geodist(K key, V from, V to, GeoUnit unit) {
        return dbl(run(TEXT, GEODIST, key(key), value(from), value(to), word(unit.name())));
    }

    @SafeVarargs
    @Override public final List<String> geohash(K key, V... members) {
        return list(run(TEXT, keyAndValues(GEOHASH, key, members)));
    }

    @Override public List<V> geosearch(K key, double longitude, double latitude, double radius, GeoUnit unit) {
        return list(run(valueDecoder, GEOSEARCH, key(key), FROMLONLAT, Argv.number(longitude), Argv.number(latitude),
                BYRADIUS, Argv.number(radius), word(unit.name()), ASC));
    }

    // ---------------------------------------------------------------- HyperLogLog

    @SafeVarargs
    @Override public final Long pfadd(K key, V... values) { return integer(run(TEXT, keyAndValues(PFADD, key, values))); }

    @SafeVarargs
    @Override public final Long pfcount(K... keys) { return integer(run(TEXT, command(PFCOUNT, keys))); }

    @SafeVarargs
    @Override public final String pfmerge(K destkey, K... sourcekeys) {
        Argv argv = new Argv(sourcekeys.length + 2).add(PFMERGE).add(key(destkey));
        for (K k : sourcekeys) argv.add(key(k));
        return status(run(TEXT, argv));
    }

    // ---------------------------------------------------------------- keys

    @SafeVarargs
    @Override public final Long del(K... keys) { return integer(run(TEXT, command(DEL, keys))); }

    @SafeVarargs
    @Override public final Long unlink(K... keys) { return integer(run(TEXT, command(UNLINK, keys))); }

    @SafeVarargs
    @Override public final Long exists(K... keys) { return integer(run(TEXT, command(EXISTS, keys))); }

    @SafeVarargs
    @Override public final Long touch(K... keys) { return integer(run(TEXT, command(TOUCH, keys))); }

    @Override public Boolean expire(K key, long seconds) { return bool(run(TEXT, EXPIRE, key(key), Argv.number(seconds))); }

    @Override public Boolean expire(K key, long seconds, ExpireArgs args) {
        return expiry(EXPIRE, key, seconds, args);
    }

    @Override public Boolean expire(K key, Duration timeout) { return expire(key, timeout.toSeconds()); }

    @Override public Boolean pexpire(K key, long milliseconds) {
        return bool(run(TEXT, PEXPIRE, key(key), Argv.number(milliseconds)));
    }

    @Override public Boolean pexpire(K key, long milliseconds, ExpireArgs args) {
        return expiry(PEXPIRE, key, milliseconds, args);
    }

    @Override public Boolean expireat(K key, long unixSeconds) {
        return bool(run(TEXT, EXPIREAT, key(key), Argv.number(unixSeconds)));
    }

    @Override public Boolean expireat(K key, Instant timestamp) { return expireat(key, timestamp.getEpochSecond()); }

    @Override public Boolean pexpireat(K key, long unixMillis) {
        return bool(run(TEXT, PEXPIREAT, key(key), Argv.number(unixMillis)));
    }

    private Boolean expiry(byte[] command, K key, long time, ExpireArgs args) {
        Argv argv = new Argv(5).add(command).add(key(key)).add(time);
        args.appendTo(argv);
        return bool(run(TEXT, argv));
    }

    @Override public Long ttl(K key) { return integer(run(TEXT, TTL, key(key))); }

    @Override public Long pttl(K key) { return integer(run(TEXT, PTTL, key(key))); }

    @Override public Boolean persist(K key) { return bool(run(TEXT, PERSIST, key(key))); }

    @Override public String type(K key) { return status(run(TEXT, TYPE, key(key))); }

    @Override public List<K> keys(K pattern) { return list(run(keyDecoder, KEYS, key(pattern))); }

    @Override public KeyScanCursor<K> scan() { return scan(ScanCursor.INITIAL); }

    @Override public KeyScanCursor<K> scan(ScanArgs args) { return scan(ScanCursor.INITIAL, args); }

    @Override public KeyScanCursor<K> scan(ScanCursor cursor) {
        return scanCursor(run(cursorKeysDecoder, SCAN, cursorWord(cursor)));
    }

    @Override public KeyScanCursor<K> scan(ScanCursor cursor, ScanArgs args) {
        Argv argv = new Argv(8).add(SCAN).add(cursorWord(cursor));
        args.appendTo(argv);
        return scanCursor(run(cursorKeysDecoder, argv));
    }

    private static byte[] cursorWord(ScanCursor cursor) {
        if (cursor.isFinished()) throw new IllegalArgumentException("the scan is finished: start again from ScanCursor.INITIAL");
        return cursor.getCursor().getBytes(StandardCharsets.US_ASCII);
    }

    @Override public String rename(K key, K newKey) { return status(run(TEXT, RENAME, key(key), key(newKey))); }

    @Override public Boolean renamenx(K key, K newKey) { return bool(run(TEXT, RENAMENX, key(key), key(newKey))); }

    @Override public Boolean copy(K source, K destination) {
        return bool(run(TEXT, COPY, key(source), key(destination)));
    }

    @Override public Boolean copy(K source, K destination, CopyArgs args) {
        Argv argv = new Argv(6).add(COPY).add(key(source)).add(key(destination));
        args.appendTo(argv);
        return bool(run(TEXT, argv));
    }

    @Override public byte[] dump(K key) { return scalar(run(BYTES, DUMP, key(key))); }

    @Override public String restore(K key, long ttlMillis, byte[] payload, boolean replace) {
        Argv argv = new Argv(5).add(RESTORE).add(key(key)).add(Argv.number(ttlMillis)).add(payload);
        if (replace) argv.add(REPLACE);
        return status(run(TEXT, argv));
    }

    @Override public Boolean move(K key, int db) { return bool(run(TEXT, MOVE, key(key), Argv.number(db))); }

    @Override public K randomkey() { return scalar(run(keyDecoder, RANDOMKEY)); }

    // ---------------------------------------------------------------- hashes

    @Override public Boolean hset(K key, K field, V value) {
        return bool(run(TEXT, HSET, key(key), key(field), value(value)));
    }

    @Override public Long hset(K key, Map<K, V> map) { return integer(run(TEXT, pairs(HSET, key(key), map))); }

    @Override public Boolean hsetnx(K key, K field, V value) {
        return bool(run(TEXT, HSETNX, key(key), key(field), value(value)));
    }

    @Override public V hget(K key, K field) { return scalar(run(valueDecoder, HGET, key(key), key(field))); }

    @SafeVarargs
    @Override public final List<KeyValue<K, V>> hmget(K key, K... fields) {
        Argv argv = new Argv(fields.length + 2).add(HMGET).add(key(key));
        for (K f : fields) argv.add(key(f));
        return zip(run(valueDecoder, argv), fields);
    }

    @Override public Map<K, V> hgetall(K key) { return map(run(fieldValueDecoder, HGETALL, key(key))); }

    @SafeVarargs
    @Override public final Long hdel(K key, K... fields) {
        Argv argv = new Argv(fields.length + 2).add(HDEL).add(key(key));
        for (K f : fields) argv.add(key(f));
        return integer(run(TEXT, argv));
    }

    @Override public Boolean hexists(K key, K field) { return bool(run(TEXT, HEXISTS, key(key), key(field))); }

    @Override public Long hincrby(K key, K field, long amount) {
        return integer(run(TEXT, HINCRBY, key(key), key(field), Argv.number(amount)));
    }

    @Override public Long hlen(K key) { return integer(run(TEXT, HLEN, key(key))); }

    @Override public List<K> hkeys(K key) { return list(run(keyDecoder, HKEYS, key(key))); }

    @Override public List<V> hvals(K key) { return list(run(valueDecoder, HVALS, key(key))); }

    // ---------------------------------------------------------------- lists

    @SafeVarargs
    @Override public final Long lpush(K key, V... values) { return integer(run(TEXT, keyAndValues(LPUSH, key, values))); }

    @SafeVarargs
    @Override public final Long rpush(K key, V... values) { return integer(run(TEXT, keyAndValues(RPUSH, key, values))); }

    @Override public V lpop(K key) { return scalar(run(valueDecoder, LPOP, key(key))); }

    @Override public List<V> lpop(K key, long count) { return list(run(valueDecoder, LPOP, key(key), Argv.number(count))); }

    @Override public V rpop(K key) { return scalar(run(valueDecoder, RPOP, key(key))); }

    @Override public List<V> rpop(K key, long count) { return list(run(valueDecoder, RPOP, key(key), Argv.number(count))); }

    @Override public List<V> lrange(K key, long start, long stop) {
        return list(run(valueDecoder, LRANGE, key(key), Argv.number(start), Argv.number(stop)));
    }

    @Override public Long llen(K key) { return integer(run(TEXT, LLEN, key(key))); }

    @Override public V lindex(K key, long index) { return scalar(run(valueDecoder, LINDEX, key(key), Argv.number(index))); }

    @Override public Long lrem(K key, long count, V value) {
        return integer(run(TEXT, LREM, key(key), Argv.number(count), value(value)));
    }

    @Override public String lset(K key, long index, V value) {
        return status(run(TEXT, LSET, key(key), Argv.number(index), value(value)));
    }

    @Override public String ltrim(K key, long start, long stop) {
        return status(run(TEXT, LTRIM, key(key), Argv.number(start), Argv.number(stop)));
    }

    @Override public V lmove(K source, K destination, LMoveArgs args) {
        Argv argv = new Argv(5).add(LMOVE).add(key(source)).add(key(destination));
        args.appendTo(argv);
        return scalar(run(valueDecoder, argv));
    }

    @SafeVarargs
    @Override public final KeyValue<K, V> blpop(double timeoutSeconds, K... keys) {
        return await(blpopAsync(timeoutSeconds, keys));
    }

    @SafeVarargs
    @Override public final CompletableFuture<KeyValue<K, V>> blpopAsync(double timeoutSeconds, K... keys) {
        return runBlocking(keysThenTimeout(BLPOP, keys, timeoutSeconds), this::keyAndValue);
    }

    @SafeVarargs
    @Override public final KeyValue<K, V> brpop(double timeoutSeconds, K... keys) {
        return await(brpopAsync(timeoutSeconds, keys));
    }

    @SafeVarargs
    @Override public final CompletableFuture<KeyValue<K, V>> brpopAsync(double timeoutSeconds, K... keys) {
        return runBlocking(keysThenTimeout(BRPOP, keys, timeoutSeconds), this::keyAndValue);
    }

    @Override public V blmove(K source, K destination, LMoveArgs args, double timeoutSeconds) {
        return await(blmoveAsync(source, destination, args, timeoutSeconds));
    }

    @Override public CompletableFuture<V> blmoveAsync(K source, K destination, LMoveArgs args, double timeoutSeconds) {
        Argv argv = new Argv(6).add(BLMOVE).add(key(source)).add(key(destination));
        Objects.requireNonNull(args, "args").appendTo(argv);
        return runBlocking(argv.add(Argv.number(timeoutSeconds)), this::valueOf);
    }

    @Override public V brpoplpush(double timeoutSeconds, K source, K destination) {
        return await(brpoplpushAsync(timeoutSeconds, source, destination));
    }

    @Override public CompletableFuture<V> brpoplpushAsync(double timeoutSeconds, K source, K destination) {
        Argv argv = new Argv(4).add(BRPOPLPUSH).add(key(source)).add(key(destination)).add(Argv.number(timeoutSeconds));
        return runBlocking(argv, this::valueOf);
    }

    // ---------------------------------------------------------------- sets

    @SafeVarargs
    @Override public final Long sadd(K key, V... members) { return integer(run(TEXT, keyAndValues(SADD, key, members))); }

    @SafeVarargs
    @Override public final Long srem(K key, V... members) { return integer(run(TEXT, keyAndValues(SREM, key, members))); }

    @Override public Set<V> smembers(K key) { return set(run(valueDecoder, SMEMBERS, key(key))); }

    @Override public Boolean sismember(K key, V member) { return bool(run(TEXT, SISMEMBER, key(key), value(member))); }

    @Override public Long scard(K key) { return integer(run(TEXT, SCARD, key(key))); }

    @Override public V spop(K key) { return scalar(run(valueDecoder, SPOP, key(key))); }

    @Override public Set<V> spop(K key, long count) { return set(run(valueDecoder, SPOP, key(key), Argv.number(count))); }

    @Override public V srandmember(K key) { return scalar(run(valueDecoder, SRANDMEMBER, key(key))); }

    @Override public List<V> srandmember(K key, long count) {
        return list(run(valueDecoder, SRANDMEMBER, key(key), Argv.number(count)));
    }

    @SafeVarargs
    @Override public final Set<V> sinter(K... keys) { return set(run(valueDecoder, command(SINTER, keys))); }

    @SafeVarargs
    @Override public final Set<V> sunion(K... keys) { return set(run(valueDecoder, command(SUNION, keys))); }

    @SafeVarargs
    @Override public final Set<V> sdiff(K... keys) { return set(run(valueDecoder, command(SDIFF, keys))); }

    // ---------------------------------------------------------------- sorted sets

    @Override public Long zadd(K key, double score, V member) {
        return integer(run(TEXT, ZADD, key(key), Argv.number(score), value(member)));
    }

    @Override public Long zadd(K key, ZAddArgs args, double score, V member) {
        Argv argv = new Argv(9).add(ZADD).add(key(key));
        args.appendTo(argv);
        return integer(run(TEXT, argv.add(Argv.number(score)).add(value(member))));
    }

    @SafeVarargs
    @Override public final Long zadd(K key, ScoredValue<V>... members) {
        return integer(run(TEXT, scoredMembers(key(key), null, members)));
    }

    @SafeVarargs
    @Override public final Long zadd(K key, ZAddArgs args, ScoredValue<V>... members) {
        return integer(run(TEXT, scoredMembers(key(key), Objects.requireNonNull(args, "args"), members)));
    }

    @Override public Double zaddincr(K key, double increment, V member) {
        return dbl(run(TEXT, ZADD, key(key), INCR_OPTION, Argv.number(increment), value(member)));
    }

    @Override public Double zincrby(K key, double increment, V member) {
        return dbl(run(TEXT, ZINCRBY, key(key), Argv.number(increment), value(member)));
    }

    @Override public Double zscore(K key, V member) { return dbl(run(TEXT, ZSCORE, key(key), value(member))); }

    @Override public Long zrank(K key, V member) { return integer(run(TEXT, ZRANK, key(key), value(member))); }

    @SafeVarargs
    @Override public final Long zrem(K key, V... members) { return integer(run(TEXT, keyAndValues(ZREM, key, members))); }

    @Override public Long zcard(K key) { return integer(run(TEXT, ZCARD, key(key))); }

    @Override public Long zcount(K key, double min, double max) {
        return integer(run(TEXT, ZCOUNT, key(key), Argv.number(min), Argv.number(max)));
    }

    @Override public Long zcount(K key, String min, String max) {
        return integer(run(TEXT, ZCOUNT, key(key), min.getBytes(StandardCharsets.UTF_8), max.getBytes(StandardCharsets.UTF_8)));
    }

    @Override public List<V> zrange(K key, long start, long stop) {
        return list(run(valueDecoder, ZRANGE, key(key), Argv.number(start), Argv.number(stop)));
    }

    @Override public List<ScoredValue<V>> zrangeWithScores(K key, long start, long stop) {
        return scored(run(memberScoreDecoder, ZRANGE, key(key), Argv.number(start), Argv.number(stop), WITHSCORES));
    }

    @Override public ScoredValue<V> zpopmin(K key) { return scoredOne(run(memberScoreDecoder, ZPOPMIN, key(key))); }

    @Override public List<ScoredValue<V>> zpopmin(K key, long count) {
        return scored(run(memberScoreDecoder, ZPOPMIN, key(key), Argv.number(count)));
    }

    @Override public ScoredValue<V> zpopmax(K key) { return scoredOne(run(memberScoreDecoder, ZPOPMAX, key(key))); }

    @Override public List<ScoredValue<V>> zpopmax(K key, long count) {
        return scored(run(memberScoreDecoder, ZPOPMAX, key(key), Argv.number(count)));
    }

    @SafeVarargs
    @Override public final KeyValue<K, ScoredValue<V>> bzpopmin(double timeoutSeconds, K... keys) {
        return await(bzpopminAsync(timeoutSeconds, keys));
    }

    @SafeVarargs
    @Override public final CompletableFuture<KeyValue<K, ScoredValue<V>>> bzpopminAsync(double timeoutSeconds, K... keys) {
        return runBlocking(keysThenTimeout(BZPOPMIN, keys, timeoutSeconds), this::keyAndScored);
    }

    @SafeVarargs
    @Override public final KeyValue<K, ScoredValue<V>> bzpopmax(double timeoutSeconds, K... keys) {
        return await(bzpopmaxAsync(timeoutSeconds, keys));
    }

    @SafeVarargs
    @Override public final CompletableFuture<KeyValue<K, ScoredValue<V>>> bzpopmaxAsync(double timeoutSeconds, K... keys) {
        return runBlocking(keysThenTimeout(BZPOPMAX, keys, timeoutSeconds), this::keyAndScored);
    }

    // ---------------------------------------------------------------- argument vectors

    /** {@code command key [key ...] timeout}: the blocking pops. */
    private Argv keysThenTimeout(byte[] command, K[] keys, double timeoutSeconds) {
        return command(command, keys).add(Argv.number(timeoutSeconds));
    }

    /** {@code command key [key ...]}. */
    private Argv command(byte[] command, K[] keys) {
        Argv argv = new Argv(keys.length + 1).add(command);
        for (K k : keys) argv.add(key(k));
        return argv;
    }

    /** {@code command key value [value ...]}. */
    private Argv keyAndValues(byte[] command, K key, V[] values) {
        Argv argv = new Argv(values.length + 2).add(command).add(key(key));
        for (V v : values) argv.add(value(v));
        return argv;
    }

    /** {@code command [key] k v [k v ...]}: MSET, MSETNX and HSET. */
    private Argv pairs(byte[] command, byte[] key, Map<K, V> map) {
        Argv argv = new Argv(map.size() * 2 + 2).add(command);
        if (key != null) argv.add(key);
        for (Map.Entry<K, V> e : map.entrySet()) argv.add(key(e.getKey())).add(value(e.getValue()));
        return argv;
    }

    private Argv scoredMembers(byte[] key, ZAddArgs args, ScoredValue<V>[] members) {
        Argv argv = new Argv(members.length * 2 + 7).add(ZADD).add(key);
        if (args != null) args.appendTo(argv);
        for (ScoredValue<V> m : members) argv.add(Argv.number(m.score())).add(value(m.value()));
        return argv;
    }

    // ---------------------------------------------------------------- streams

    private static final byte[] XADD = word("XADD");
    private static final byte[] XLEN = word("XLEN");
    private static final byte[] XRANGE = word("XRANGE");
    private static final byte[] XREVRANGE = word("XREVRANGE");
    private static final byte[] XDEL = word("XDEL");
    private static final byte[] XTRIM = word("XTRIM");
    private static final byte[] XREAD = word("XREAD");
    private static final byte[] STREAMS = word("STREAMS");
    private static final byte[] BLOCK = word("BLOCK");
    private static final byte[] MAXLEN = word("MAXLEN");
    private static final byte[] APPROX = word("~");
    private static final byte[] COUNT = word("COUNT");

    @Override public String xadd(K key, Map<K, V> body) {
        return xadd(key, new XAddArgs(), body);
    }

    @Override public String xadd(K key, XAddArgs args, Map<K, V> body) {
        Argv argv = new Argv(8 + 2 * body.size()).add(XADD).add(key(key));
        Objects.requireNonNull(args, "args").appendTo(argv);
        for (Map.Entry<K, V> e : body.entrySet()) argv.add(key(e.getKey())).add(value(e.getValue()));
        return scalar(run(TEXT, argv));
    }

    @Override public Long xlen(K key) { return integer(run(TEXT, XLEN, key(key))); }

    @Override public List<StreamMessage<K, V>> xrange(K key, String start, String end) {
        return messages(key, tree(XRANGE, key(key), word(start), word(end)));
    }

    @Override public List<StreamMessage<K, V>> xrange(K key, String start, String end, long count) {
        return messages(key, tree(XRANGE, key(key), word(start), word(end), COUNT, Argv.number(count)));
    }

    @Override public List<StreamMessage<K, V>> xrevrange(K key, String end, String start) {
        return messages(key, tree(XREVRANGE, key(key), word(end), word(start)));
    }

    @Override public List<StreamMessage<K, V>> xrevrange(K key, String end, String start, long count) {
        return messages(key, tree(XREVRANGE, key(key), word(end), word(start), COUNT, Argv.number(count)));
    }

    @Override public Long xdel(K key, String... ids) {
        Argv argv = new Argv(ids.length + 2).add(XDEL).add(key(key));
        for (String id : ids) argv.add(word(id));
        return integer(run(TEXT, argv));
    }

    @Override public Long xtrim(K key, long count) {
        return integer(run(TEXT, XTRIM, key(key), MAXLEN, Argv.number(count)));
    }

    @Override public Long xtrim(K key, boolean approximateTrimming, long count) {
        if (!approximateTrimming) return xtrim(key, count);
        return integer(run(TEXT, XTRIM, key(key), MAXLEN, APPROX, Argv.number(count)));
    }

    @Override public Long xtrim(K key, XTrimArgs args) {
        Argv argv = new Argv(8).add(XTRIM).add(key(key));
        Objects.requireNonNull(args, "args").appendTrimTo(argv);
        return integer(run(TEXT, argv));
    }

    @SafeVarargs
    @Override public final List<StreamMessage<K, V>> xread(StreamOffset<K>... streams) {
        return streamMessages(tree(xreadArgv(-1, -1, streams)));
    }

    @SafeVarargs
    @Override public final List<StreamMessage<K, V>> xread(long count, StreamOffset<K>... streams) {
        return streamMessages(tree(xreadArgv(count, -1, streams)));
    }

    @SafeVarargs
    @Override public final CompletableFuture<List<StreamMessage<K, V>>> xreadAsync(long blockMillis, StreamOffset<K>... streams) {
        if (blockMillis < 0) throw new IllegalArgumentException("blockMillis < 0");
        return runBlocking(xreadArgv(-1, blockMillis, streams), this::streamMessages);
    }

    private Argv xreadArgv(long count, long blockMillis, StreamOffset<K>[] streams) {
        Argv argv = new Argv(6 + 2 * streams.length).add(XREAD);
        if (count >= 0) argv.add(COUNT).add(Argv.number(count));
        if (blockMillis >= 0) argv.add(BLOCK).add(Argv.number(blockMillis));
        argv.add(STREAMS);
        for (StreamOffset<K> s : streams) argv.add(key(s.name()));
        for (StreamOffset<K> s : streams) argv.add(word(s.offset()));
        return argv;
    }

    private static final byte[] XGROUP = word("XGROUP");
    private static final byte[] CREATE = word("CREATE");
    private static final byte[] MKSTREAM = word("MKSTREAM");
    private static final byte[] XREADGROUP = word("XREADGROUP");
    private static final byte[] GROUP = word("GROUP");
    private static final byte[] XACK = word("XACK");
    private static final byte[] XPENDING = word("XPENDING");

    @Override public String xgroupCreate(K key, K group, String id, boolean mkStream) {
        Argv argv = new Argv(6).add(XGROUP).add(CREATE).add(key(key)).add(key(group)).add(word(id));
        if (mkStream) argv.add(MKSTREAM);
        return status(run(TEXT, argv));
    }

    @SafeVarargs
    @Override public final List<StreamMessage<K, V>> xreadgroup(K group, K consumer, StreamOffset<K>... streams) {
        return streamMessages(tree(xreadgroupArgv(group, consumer, -1, -1, streams)));
    }

    @SafeVarargs
    @Override public final List<StreamMessage<K, V>> xreadgroup(K group, K consumer, long count, StreamOffset<K>... streams) {
        return streamMessages(tree(xreadgroupArgv(group, consumer, count, -1, streams)));
    }

    @SafeVarargs
    @Override public final CompletableFuture<List<StreamMessage<K, V>>> xreadgroupAsync(K group, K consumer, long blockMillis,
                                                                                 StreamOffset<K>... streams) {
        if (blockMillis < 0) throw new IllegalArgumentException("blockMillis < 0");
        return runBlocking(xreadgroupArgv(group, consumer, -1, blockMillis, streams), this::streamMessages);
    }

    private Argv xreadgroupArgv(K group, K consumer, long count, long blockMillis, StreamOffset<K>[] streams) {
        Argv argv = new Argv(9 + 2 * streams.length).add(XREADGROUP).add(GROUP).add(key(group)).add(key(consumer));
        if (count >= 0) argv.add(COUNT).add(Argv.number(count));
        if (blockMillis >= 0) argv.add(BLOCK).add(Argv.number(blockMillis));
        argv.add(STREAMS);
        for (StreamOffset<K> s : streams) argv.add(key(s.name()));
        for (StreamOffset<K> s : streams) argv.add(word(s.offset()));
        return argv;
    }

    @Override public Long xack(K key, K group, String... ids) {
        Argv argv = new Argv(ids.length + 3).add(XACK).add(key(key)).add(key(group));
        for (String id : ids) argv.add(word(id));
        return integer(run(TEXT, argv));
    }

    @Override public StreamPendingSummary<K> xpending(K key, K group) {
        List<Reply> r = tree(XPENDING, key(key), key(group)).elements();
        Map<K, Long> consumers = new LinkedHashMap<>();
        if (!(r.get(3) instanceof Reply.Null)) {
            for (Reply c : r.get(3).elements()) {
                consumers.put(keyOf(c.elements().get(0)), Long.parseLong(c.elements().get(1).text()));
            }
        }
        return new StreamPendingSummary<>(r.get(0).asLong(), r.get(1).text(), r.get(2).text(), consumers);
    }

    private static final byte[] IDLE = word("IDLE");
    private static final byte[] XCLAIM = word("XCLAIM");
    private static final byte[] XAUTOCLAIM = word("XAUTOCLAIM");
    private static final byte[] XINFO = word("XINFO");
    private static final byte[] GROUPS = word("GROUPS");
    private static final byte[] CONSUMERS = word("CONSUMERS");
    private static final byte[] SETID = word("SETID");
    private static final byte[] DESTROY = word("DESTROY");
    private static final byte[] CREATECONSUMER = word("CREATECONSUMER");
    private static final byte[] DELCONSUMER = word("DELCONSUMER");

    @Override public List<StreamPendingEntry<K>> xpending(K key, K group, String start, String end, long count) {
        return pendingEntries(xpendingArgv(key, group, -1, start, end, count, null));
    }

    @Override public List<StreamPendingEntry<K>> xpending(K key, K group, String start, String end, long count, K consumer) {
        return pendingEntries(xpendingArgv(key, group, -1, start, end, count, Objects.requireNonNull(consumer, "consumer")));
    }

    @Override public List<StreamPendingEntry<K>> xpending(K key, K group, long minIdleMillis, String start, String end,
                                                         long count, K consumer) {
        return pendingEntries(xpendingArgv(key, group, minIdleMillis, start, end, count, consumer));
    }

    private Argv xpendingArgv(K key, K group, long minIdleMillis, String start, String end, long count, K consumer) {
        Argv argv = new Argv(9).add(XPENDING).add(key(key)).add(key(group));
        if (minIdleMillis >= 0) argv.add(IDLE).add(Argv.number(minIdleMillis));
        argv.add(word(start)).add(word(end)).add(Argv.number(count));
        if (consumer != null) argv.add(key(consumer));
        return argv;
    }

    /** The extended XPENDING's reply: [[id, consumer, idle, deliveries], ...]. */
    private List<StreamPendingEntry<K>> pendingEntries(Argv argv) {
        List<StreamPendingEntry<K>> out = new ArrayList<>();
        for (Reply p : tree(argv).elements()) {
            List<Reply> f = p.elements();
            out.add(new StreamPendingEntry<>(f.get(0).text(), keyOf(f.get(1)), f.get(2).asLong(), f.get(3).asLong()));
        }
        return out;
    }

    @Override public List<StreamMessage<K, V>> xclaim(K key, K group, K consumer, long minIdleMillis, String... ids) {
        return xclaim(key, group, consumer, new XClaimArgs().minIdleTime(minIdleMillis), ids);
    }

    @Override public List<StreamMessage<K, V>> xclaim(K key, K group, K consumer, XClaimArgs args, String... ids) {
        Objects.requireNonNull(args, "args");
        Argv argv = new Argv(ids.length + 14).add(XCLAIM).add(key(key)).add(key(group)).add(key(consumer))
                .add(Argv.number(args.minIdleMillis()));
        for (String id : ids) argv.add(word(id));
        args.appendOptionsTo(argv);
        Reply r = tree(argv);
        return args.justId() ? idsOnly(key, r) : messages(key, r);
    }

    @Override public StreamClaimed<K, V> xautoclaim(K key, K group, K consumer, long minIdleMillis, String start) {
        return xautoclaim(key, group, consumer, minIdleMillis, start, new XAutoClaimArgs());
    }

    @Override public StreamClaimed<K, V> xautoclaim(K key, K group, K consumer, long minIdleMillis, String start,
                                                   XAutoClaimArgs args) {
        Objects.requireNonNull(args, "args");
        Argv argv = new Argv(9).add(XAUTOCLAIM).add(key(key)).add(key(group)).add(key(consumer))
                .add(Argv.number(minIdleMillis)).add(word(start));
        args.appendOptionsTo(argv);
        List<Reply> r = tree(argv).elements();
        List<StreamMessage<K, V>> claimed = args.justId() ? idsOnly(key, r.get(1)) : messages(key, r.get(1));
        return new StreamClaimed<>(r.get(0).text(), claimed, r.get(2).texts());
    }

    /** A JUSTID reply: ids, as messages without a body. */
    private List<StreamMessage<K, V>> idsOnly(K stream, Reply r) {
        List<StreamMessage<K, V>> out = new ArrayList<>();
        for (Reply id : r.elements()) out.add(new StreamMessage<>(stream, id.text(), null));
        return out;
    }

    @Override public List<StreamGroupInfo<K>> xinfoGroups(K key) {
        List<StreamGroupInfo<K>> out = new ArrayList<>();
        for (Reply g : tree(XINFO, GROUPS, key(key)).elements()) {
            Map<String, Reply> f = fields(g);
            out.add(new StreamGroupInfo<>(keyOf(f.get("name")), f.get("consumers").asLong(), f.get("pending").asLong(),
                    f.get("last-delivered-id").text(), optionalLong(f.get("entries-read")), optionalLong(f.get("lag"))));
        }
        return out;
    }

    @Override public List<StreamConsumerInfo<K>> xinfoConsumers(K key, K group) {
        List<StreamConsumerInfo<K>> out = new ArrayList<>();
        for (Reply c : tree(XINFO, CONSUMERS, key(key), key(group)).elements()) {
            Map<String, Reply> f = fields(c);
            out.add(new StreamConsumerInfo<>(keyOf(f.get("name")), f.get("pending").asLong(), f.get("idle").asLong(),
                    f.get("inactive").asLong()));
        }
        return out;
    }

    /** A RESP3 map reply of named fields. */
    private static Map<String, Reply> fields(Reply map) {
        List<Reply> e = map.elements();
        Map<String, Reply> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < e.size(); i += 2) out.put(e.get(i).text(), e.get(i + 1));
        return out;
    }

    private static Long optionalLong(Reply r) {
        return r == null || r instanceof Reply.Null ? null : r.asLong();
    }

    @Override public String xgroupSetid(K key, K group, String id) {
        return status(run(TEXT, XGROUP, SETID, key(key), key(group), word(id)));
    }

    @Override public Boolean xgroupDestroy(K key, K group) {
        return bool(run(TEXT, XGROUP, DESTROY, key(key), key(group)));
    }

    @Override public Boolean xgroupCreateconsumer(K key, K group, K consumer) {
        return bool(run(TEXT, XGROUP, CREATECONSUMER, key(key), key(group), key(consumer)));
    }

    @Override public Long xgroupDelconsumer(K key, K group, K consumer) {
        return integer(run(TEXT, XGROUP, DELCONSUMER, key(key), key(group), key(consumer)));
    }

    /** Runs a command whose reply nests (stream entries) on this thread's lane session, as a {@link Reply} tree. */
    private Reply tree(byte[]... argv) {
        Argv a = new Argv(argv.length);
        for (byte[] w : argv) a.add(w);
        return tree(a);
    }

    private Reply tree(Argv argv) {
        Lane lane = lanes.get();
        if (lane.busy) lane = new Lane(engine.newSession());
        Session session = lane.session;
        int selected = db;
        if (session.db() != selected) session.select(selected);
        ReplyBuilder out = new ReplyBuilder(3);
        lane.busy = true;
        try {
            session.execute(argv.words, argv.count, out);
        } finally {
            lane.busy = false;
        }
        Reply r = out.reply();
        if (r instanceof Reply.Error e) throw new FerriteException(e.message());
        return r;
    }

    /** XRANGE's reply: [[id, [field, value, ...]], ...]. */
    private List<StreamMessage<K, V>> messages(K stream, Reply r) {
        List<StreamMessage<K, V>> out = new ArrayList<>();
        if (r instanceof Reply.Null) return out;
        for (Reply entry : r.elements()) {
            List<Reply> parts = entry.elements();
            if (parts.get(1) instanceof Reply.Null) {
                // XREADGROUP's history of an entry deleted since it was delivered.
                out.add(new StreamMessage<>(stream, parts.get(0).text(), null));
                continue;
            }
            List<Reply> fields = parts.get(1).elements();
            Map<K, V> body = new LinkedHashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) body.put(keyOf(fields.get(i)), valueOf(fields.get(i + 1)));
            out.add(new StreamMessage<>(stream, parts.get(0).text(), body));
        }
        return out;
    }

    /** XREAD's RESP3 reply: a map of stream key to XRANGE-like entries, or null. */
    private List<StreamMessage<K, V>> streamMessages(Reply r) {
        List<StreamMessage<K, V>> out = new ArrayList<>();
        if (r instanceof Reply.Null) return out;
        List<Reply> e = r.elements();
        for (int i = 0; i + 1 < e.size(); i += 2) out.addAll(messages(keyOf(e.get(i)), e.get(i + 1)));
        return out;
    }

    @Override public String toString() {
        return "FerriteCommands[codec=" + codec.getClass().getSimpleName() + ", db=" + db + "]";
    }
}
