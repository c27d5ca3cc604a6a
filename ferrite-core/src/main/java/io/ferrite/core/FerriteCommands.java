package io.ferrite.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Typed, synchronous Redis commands on an embedded {@link Ferrite} engine, in the style of Lettuce's
 * {@code RedisCommands}: one method per command, named after it in camelCase, returning what Redis replies as
 * Java types. Obtain one with {@link Ferrite#connect()} (UTF-8 strings) or {@link Ferrite#connect(RedisCodec)}.
 *
 * <pre>{@code
 * try (Ferrite ferrite = Ferrite.newBuilder().build()) {
 *     FerriteCommands<String, String> redis = ferrite.connect();
 *     redis.set("session:42", "alice", SetArgs.Builder.ex(1800));
 *     redis.incr("visits");
 *     String who = redis.get("session:42");          // "alice"
 *     Long ttl = redis.ttl("session:42");              // 1800
 * }
 * }</pre>
 *
 * <p>Every method builds the command's arguments and runs them through the engine's dispatcher, exactly as
 * {@link Session#call} and the network do: same validation, same replies, same error texts. A command that
 * fails throws {@link FerriteException} carrying Redis's error text (e.g. {@code WRONGTYPE ...}). A null key,
 * value or argument throws {@link NullPointerException} before anything runs.
 *
 * <p>Like a Lettuce connection, an instance is thread-safe and meant to be shared: each command is atomic and
 * may run concurrently with commands from other threads. The selected database ({@link #select}) belongs to the
 * instance: after {@code select(3)} every thread's commands go to database 3.
 *
 * <p>Blocking commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN, BZPOPMAX) come in two forms. The plain
 * method waits on the calling thread and returns null if {@code timeoutSeconds} passes first (0 waits forever);
 * unlike a Lettuce connection, a waiting call holds up no other thread's commands. The {@code ...Async} method
 * returns at once a {@link CompletableFuture} completed when data arrives or the timeout passes; no thread waits
 * meanwhile. Its dependent stages run on the thread that completes it (the writer that served it, or the timeout
 * timer) unless added with an {@code ...Async} stage method. Errors complete it exceptionally with a
 * {@link FerriteException}; cancelling it withdraws the wait (a command whose data is being handed over as it is
 * cancelled still takes the data). Waiters are served first come, first served. Dependent stages may call this
 * API, also from the writer's thread.
 *
 * <p>Replies follow Redis's documented shapes: a missing key gives {@code null} for a single value and an empty
 * collection for a collection; "OK" status replies are returned as the string {@code "OK"}.
 *
 * @param <K> key type (also hash field type)
 * @param <V> value type (also list, set and sorted-set member type)
 */
public interface FerriteCommands<K, V> {

    // ---------------------------------------------------------------- connection and server

    /** {@code PING}: "PONG". */
    String ping();

    /** {@code ECHO message}: the message. */
    V echo(V message);

    /** {@code SELECT index}: switches this connection, for every thread using it, to database {@code index}. */
    String select(int index);

    /** {@code DBSIZE}: the number of keys in the selected database. */
    Long dbsize();

    /** {@code FLUSHDB}: removes every key of the selected database. */
    String flushdb();

    /** {@code FLUSHALL}: removes every key of every database. */
    String flushall();

    // ---------------------------------------------------------------- strings

    /** {@code SET key value}: "OK". */
    String set(K key, V value);

    /** {@code SET key value [NX|XX] [EX|PX|EXAT|PXAT|KEEPTTL]}: "OK", or null when NX/XX prevented the write. */
    String set(K key, V value, SetArgs args);

    /** {@code SET key value GET}: the old value, or null. */
    V setGet(K key, V value);

    /** {@code SET key value GET} with options: the old value, or null. */
    V setGet(K key, V value, SetArgs args);

    /** {@code GET key}: the value, or null if the key does not exist. */
    V get(K key);

    /** {@code GETDEL key}: the value, deleting the key; null if it did not exist. */
    V getdel(K key);

    /** {@code GETEX key [EX|PX|EXAT|PXAT|PERSIST]}: the value, changing its expiry; null if absent. */
    V getex(K key, GetExArgs args);

    /** {@code GETRANGE key start end}: the substring (inclusive offsets, negative from the end). */
    V getrange(K key, long start, long end);

    /** {@code GETSET key value}: the old value, or null. */
    V getset(K key, V value);

    /** {@code INCR key}: the value after increment. */
    Long incr(K key);

    /** {@code INCRBY key increment}: the value after increment. */
    Long incrby(K key, long amount);

    /** {@code INCRBYFLOAT key increment}: the value after increment. */
    Double incrbyfloat(K key, double amount);

    /** {@code DECR key}: the value after decrement. */
    Long decr(K key);

    /** {@code DECRBY key decrement}: the value after decrement. */
    Long decrby(K key, long amount);

    /** {@code APPEND key value}: the length of the string after the append. */
    Long append(K key, V value);

    /** {@code MGET key [key ...]}: one entry per key, in order; {@link KeyValue#hasValue()} is false for missing keys. */
    @SuppressWarnings("unchecked")
    List<KeyValue<K, V>> mget(K... keys);

    /** {@code MSET key value [key value ...]}: "OK". */
    String mset(Map<K, V> map);

    /** {@code MSETNX key value [key value ...]}: true if all keys were set, false if none was (one existed). */
    Boolean msetnx(Map<K, V> map);

    /** {@code SETNX key value}: true if the key was set. */
    Boolean setnx(K key, V value);

    /** {@code SETEX key seconds value}: "OK". */
    String setex(K key, long seconds, V value);

    /** {@code PSETEX key milliseconds value}: "OK". */
    String psetex(K key, long milliseconds, V value);

    /** {@code SETRANGE key offset value}: the length of the string after the write. */
    Long setrange(K key, long offset, V value);

    /** {@code STRLEN key}: the length of the value, 0 if the key does not exist. */
    Long strlen(K key);

    /** {@code LCS key1 key2}: the longest common subsequence of the two values. */
    V lcs(K key1, K key2);

    /** {@code LCS key1 key2 LEN}: the length of the longest common subsequence. */
    Long lcsLen(K key1, K key2);

    // ---------------------------------------------------------------- bitmaps

    /** {@code SETBIT key offset value}: the bit's previous value; the string grows (zero-padded) to hold the bit. */
    Long setbit(K key, long offset, int value);

    /** {@code GETBIT key offset}: the bit, 0 past the end of the string or for a missing key. */
    Long getbit(K key, long offset);

    /** {@code BITCOUNT key}: the number of set bits. */
    Long bitcount(K key);

    /** {@code BITCOUNT key start end}: the number of set bits in the byte range (inclusive, negative from the end). */
    Long bitcount(K key, long start, long end);

    /** {@code BITPOS key bit}: the first bit equal to {@code state}, or -1 (a missing key is all zeros). */
    Long bitpos(K key, boolean state);

    /** {@code BITPOS key bit start}: as {@link #bitpos(Object, boolean)} from byte {@code start}. */
    Long bitpos(K key, boolean state, long start);

    /** {@code BITPOS key bit start end}: as {@link #bitpos(Object, boolean)} within bytes {@code start..end}. */
    Long bitpos(K key, boolean state, long start, long end);

    /** {@code BITOP AND destination key [key ...]}: the length of the result stored at {@code destination}. */
    @SuppressWarnings("unchecked")
    Long bitopAnd(K destination, K... keys);

    /** {@code BITOP OR destination key [key ...]}: the length of the result stored at {@code destination}. */
    @SuppressWarnings("unchecked")
    Long bitopOr(K destination, K... keys);

    /** {@code BITOP XOR destination key [key ...]}: the length of the result stored at {@code destination}. */
    @SuppressWarnings("unchecked")
    Long bitopXor(K destination, K... keys);

    /** {@code BITOP NOT destination source}: the length of the result stored at {@code destination}. */
    Long bitopNot(K destination, K source);

    /**
     * {@code BITFIELD key ...}: one element per GET, SET and INCRBY of {@code args}, in order; null where
     * {@link BitFieldArgs.OverflowType#FAIL} refused a write.
     */
    List<Long> bitfield(K key, BitFieldArgs args);

    // ---------------------------------------------------------------- geo

    /** {@code GEOADD key longitude latitude member}: 1 if the member is new, else 0 (its position is updated). */
    Long geoadd(K key, double longitude, double latitude, V member);

    /** {@code GEOPOS key member [member ...]}: each member's position, null for a missing member. */
    @SuppressWarnings("unchecked")
    List<GeoCoordinates> geopos(K key, V... members);

    /** {@code GEODIST key member1 member2 unit}: the distance, null if either member is missing. */
    Double geodist(K key, V from, V to, GeoUnit unit);

    /** {@code GEOHASH key member [member ...]}: each member's 11-character geohash, null for a missing member. */
    @SuppressWarnings("unchecked")
    List<String> geohash(K key, V... members);

    /**
     * {@code GEOSEARCH key FROMLONLAT longitude latitude BYRADIUS radius unit ASC}: the members within the radius,
     * nearest first.
     */
    List<V> geosearch(K key, double longitude, double latitude, double radius, GeoUnit unit);

    // ---------------------------------------------------------------- HyperLogLog

    /** {@code PFADD key element [element ...]}: 1 if a register changed or the key was created, else 0. */
    @SuppressWarnings("unchecked")
    Long pfadd(K key, V... values);

    /** {@code PFCOUNT key [key ...]}: the estimated number of distinct elements in the union (missing keys: empty). */
    @SuppressWarnings("unchecked")
    Long pfcount(K... keys);

    /** {@code PFMERGE destkey [sourcekey ...]}: OK; destkey becomes the union of itself and the sources. */
    @SuppressWarnings("unchecked")
    String pfmerge(K destkey, K... sourcekeys);

    // ---------------------------------------------------------------- keys

    /** {@code DEL key [key ...]}: how many keys were removed. */
    @SuppressWarnings("unchecked")
    Long del(K... keys);

    /** {@code UNLINK key [key ...]}: how many keys were removed. */
    @SuppressWarnings("unchecked")
    Long unlink(K... keys);

    /** {@code EXISTS key [key ...]}: how many of the keys exist (a key named twice counts twice). */
    @SuppressWarnings("unchecked")
    Long exists(K... keys);

    /** {@code TOUCH key [key ...]}: how many of the keys exist; updates their access time. */
    @SuppressWarnings("unchecked")
    Long touch(K... keys);

    /** {@code EXPIRE key seconds}: true if the timeout was set, false if the key does not exist. */
    Boolean expire(K key, long seconds);

    /** {@code EXPIRE key seconds [NX|XX|GT|LT]}: true if the timeout was set. */
    Boolean expire(K key, long seconds, ExpireArgs args);

    /** {@code EXPIRE} with a duration, in whole seconds. */
    Boolean expire(K key, Duration timeout);

    /** {@code PEXPIRE key milliseconds}: true if the timeout was set. */
    Boolean pexpire(K key, long milliseconds);

    /** {@code PEXPIRE key milliseconds [NX|XX|GT|LT]}: true if the timeout was set. */
    Boolean pexpire(K key, long milliseconds, ExpireArgs args);

    /** {@code EXPIREAT key unix-time-seconds}: true if the timeout was set. */
    Boolean expireat(K key, long unixSeconds);

    /** {@code EXPIREAT} at an instant, in whole seconds. */
    Boolean expireat(K key, Instant timestamp);

    /** {@code PEXPIREAT key unix-time-milliseconds}: true if the timeout was set. */
    Boolean pexpireat(K key, long unixMillis);

    /** {@code TTL key}: seconds to live; -1 without expiry, -2 if the key does not exist. */
    Long ttl(K key);

    /** {@code PTTL key}: milliseconds to live; -1 without expiry, -2 if the key does not exist. */
    Long pttl(K key);

    /** {@code PERSIST key}: true if an expiry was removed. */
    Boolean persist(K key);

    /** {@code TYPE key}: "string", "list", "set", "zset", "hash", "stream", or "none". */
    String type(K key);

    /** {@code KEYS pattern}: every key matching the glob-style pattern. Blocks the keyspace: prefer {@link #scan}. */
    List<K> keys(K pattern);

    /** {@code SCAN 0}: the first step of an iteration over the keys. */
    KeyScanCursor<K> scan();

    /** {@code SCAN 0 [MATCH pattern] [COUNT count] [TYPE type]}. */
    KeyScanCursor<K> scan(ScanArgs args);

    /** {@code SCAN cursor}: the next step of an iteration. */
    KeyScanCursor<K> scan(ScanCursor cursor);

    /** {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}. */
    KeyScanCursor<K> scan(ScanCursor cursor, ScanArgs args);

    /** {@code RENAME key newkey}: "OK"; fails with {@code ERR no such key} if {@code key} does not exist. */
    String rename(K key, K newKey);

    /** {@code RENAMENX key newkey}: true if renamed, false if {@code newKey} exists. */
    Boolean renamenx(K key, K newKey);

    /** {@code COPY source destination}: true if copied, false if the destination exists. */
    Boolean copy(K source, K destination);

    /** {@code COPY source destination [DB db] [REPLACE]}: true if copied. */
    Boolean copy(K source, K destination, CopyArgs args);

    /**
     * {@code DUMP key}: the value in Redis's serialization (an RDB payload that RESTORE accepts here and in Redis
     * 7), or null if the key does not exist. Streams cannot be dumped.
     */
    byte[] dump(K key);

    /**
     * {@code RESTORE key ttl payload [REPLACE]}: "OK"; {@code ttlMillis} 0 for no expiry. Fails with
     * {@code BUSYKEY} if the key exists and {@code replace} is false, and with {@code ERR DUMP payload version or
     * checksum are wrong} or {@code ERR Bad data format} for a payload it cannot load.
     */
    String restore(K key, long ttlMillis, byte[] payload, boolean replace);

    /** {@code MOVE key db}: true if moved, false if absent here or present there. */
    Boolean move(K key, int db);

    /** {@code RANDOMKEY}: a random key, or null if the database is empty. */
    K randomkey();

    // ---------------------------------------------------------------- hashes

    /** {@code HSET key field value}: true if the field is new, false if it was updated. */
    Boolean hset(K key, K field, V value);

    /** {@code HSET key field value [field value ...]}: how many fields were added. */
    Long hset(K key, Map<K, V> map);

    /** {@code HSETNX key field value}: true if the field was set (it did not exist). */
    Boolean hsetnx(K key, K field, V value);

    /** {@code HGET key field}: the value, or null. */
    V hget(K key, K field);

    /** {@code HMGET key field [field ...]}: one entry per field, in order. */
    @SuppressWarnings("unchecked")
    List<KeyValue<K, V>> hmget(K key, K... fields);

    /** {@code HGETALL key}: the fields and values, in the hash's order; empty if the key does not exist. */
    Map<K, V> hgetall(K key);

    /** {@code HDEL key field [field ...]}: how many fields were removed. */
    @SuppressWarnings("unchecked")
    Long hdel(K key, K... fields);

    /** {@code HEXISTS key field}: whether the field exists. */
    Boolean hexists(K key, K field);

    /** {@code HINCRBY key field increment}: the value after increment. */
    Long hincrby(K key, K field, long amount);

    /** {@code HLEN key}: the number of fields. */
    Long hlen(K key);

    /** {@code HKEYS key}: the field names. */
    List<K> hkeys(K key);

    /** {@code HVALS key}: the values. */
    List<V> hvals(K key);

    // ---------------------------------------------------------------- lists

    /** {@code LPUSH key element [element ...]}: the list's length after the push. */
    @SuppressWarnings("unchecked")
    Long lpush(K key, V... values);

    /** {@code RPUSH key element [element ...]}: the list's length after the push. */
    @SuppressWarnings("unchecked")
    Long rpush(K key, V... values);

    /** {@code LPOP key}: the first element, or null. */
    V lpop(K key);

    /** {@code LPOP key count}: up to {@code count} elements from the head; empty if the key does not exist. */
    List<V> lpop(K key, long count);

    /** {@code RPOP key}: the last element, or null. */
    V rpop(K key);

    /** {@code RPOP key count}: up to {@code count} elements from the tail; empty if the key does not exist. */
    List<V> rpop(K key, long count);

    /** {@code LRANGE key start stop}: the elements in the inclusive range (negative from the end). */
    List<V> lrange(K key, long start, long stop);

    /** {@code LLEN key}: the length of the list. */
    Long llen(K key);

    /** {@code LINDEX key index}: the element, or null when out of range. */
    V lindex(K key, long index);

    /** {@code LREM key count element}: how many elements were removed. */
    Long lrem(K key, long count, V value);

    /** {@code LSET key index element}: "OK". */
    String lset(K key, long index, V value);

    /** {@code LTRIM key start stop}: "OK". */
    String ltrim(K key, long start, long stop);

    /**
     * {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT}: the element moved, or null if the source does not
     * exist.
     */
    V lmove(K source, K destination, LMoveArgs args);

    /**
     * {@code BLPOP key [key ...] timeout}: the first element of the first non-empty list, with its key; waits up
     * to {@code timeoutSeconds} (0: forever) for one, then returns null.
     */
    @SuppressWarnings("unchecked")
    KeyValue<K, V> blpop(double timeoutSeconds, K... keys);

    /** {@link #blpop} without waiting on the calling thread: completes with the key and element, or null. */
    @SuppressWarnings("unchecked")
    CompletableFuture<KeyValue<K, V>> blpopAsync(double timeoutSeconds, K... keys);

    /** {@code BRPOP key [key ...] timeout}: as {@link #blpop}, from the tail. */
    @SuppressWarnings("unchecked")
    KeyValue<K, V> brpop(double timeoutSeconds, K... keys);

    /** {@link #brpop} without waiting on the calling thread. */
    @SuppressWarnings("unchecked")
    CompletableFuture<KeyValue<K, V>> brpopAsync(double timeoutSeconds, K... keys);

    /**
     * {@code BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout}: the element moved once the source has
     * one; null after {@code timeoutSeconds} (0: forever).
     */
    V blmove(K source, K destination, LMoveArgs args, double timeoutSeconds);

    /** {@link #blmove} without waiting on the calling thread. */
    CompletableFuture<V> blmoveAsync(K source, K destination, LMoveArgs args, double timeoutSeconds);

    /** {@code BRPOPLPUSH source destination timeout}: {@link #blmove} from the source's tail to the head. */
    V brpoplpush(double timeoutSeconds, K source, K destination);

    /** {@link #brpoplpush} without waiting on the calling thread. */
    CompletableFuture<V> brpoplpushAsync(double timeoutSeconds, K source, K destination);

    // ---------------------------------------------------------------- sets

    /** {@code SADD key member [member ...]}: how many members were added. */
    @SuppressWarnings("unchecked")
    Long sadd(K key, V... members);

    /** {@code SREM key member [member ...]}: how many members were removed. */
    @SuppressWarnings("unchecked")
    Long srem(K key, V... members);

    /** {@code SMEMBERS key}: every member. */
    Set<V> smembers(K key);

    /** {@code SISMEMBER key member}: whether {@code member} belongs to the set. */
    Boolean sismember(K key, V member);

    /** {@code SCARD key}: the number of members. */
    Long scard(K key);

    /** {@code SPOP key}: a random member, removed; null if the key does not exist. */
    V spop(K key);

    /** {@code SPOP key count}: up to {@code count} random members, removed. */
    Set<V> spop(K key, long count);

    /** {@code SRANDMEMBER key}: a random member, or null. */
    V srandmember(K key);

    /** {@code SRANDMEMBER key count}: distinct members if {@code count > 0}, possibly repeated if negative. */
    List<V> srandmember(K key, long count);

    /** {@code SINTER key [key ...]}: the intersection. */
    @SuppressWarnings("unchecked")
    Set<V> sinter(K... keys);

    /** {@code SUNION key [key ...]}: the union. */
    @SuppressWarnings("unchecked")
    Set<V> sunion(K... keys);

    /** {@code SDIFF key [key ...]}: the members of the first set in none of the others. */
    @SuppressWarnings("unchecked")
    Set<V> sdiff(K... keys);

    // ---------------------------------------------------------------- sorted sets

    /** {@code ZADD key score member}: how many members were added. */
    Long zadd(K key, double score, V member);

    /** {@code ZADD key [NX|XX] [GT|LT] [CH] score member}: members added (or changed, with CH). */
    Long zadd(K key, ZAddArgs args, double score, V member);

    /** {@code ZADD key score member [score member ...]}: how many members were added. */
    @SuppressWarnings("unchecked")
    Long zadd(K key, ScoredValue<V>... members);

    /** {@code ZADD key [NX|XX] [GT|LT] [CH] score member [score member ...]}. */
    @SuppressWarnings("unchecked")
    Long zadd(K key, ZAddArgs args, ScoredValue<V>... members);

    /** {@code ZADD key INCR increment member}: the new score. */
    Double zaddincr(K key, double increment, V member);

    /** {@code ZINCRBY key increment member}: the new score. */
    Double zincrby(K key, double increment, V member);

    /** {@code ZSCORE key member}: the score, or null. */
    Double zscore(K key, V member);

    /** {@code ZRANK key member}: the 0-based rank by ascending score, or null. */
    Long zrank(K key, V member);

    /** {@code ZREM key member [member ...]}: how many members were removed. */
    @SuppressWarnings("unchecked")
    Long zrem(K key, V... members);

    /** {@code ZCARD key}: the number of members. */
    Long zcard(K key);

    /** {@code ZCOUNT key min max}: members with {@code min <= score <= max} (infinities allowed). */
    Long zcount(K key, double min, double max);

    /** {@code ZCOUNT key min max} with Redis's range syntax, e.g. {@code "(1"} (exclusive) or {@code "-inf"}. */
    Long zcount(K key, String min, String max);

    /** {@code ZRANGE key start stop}: members by rank, inclusive (negative from the end). */
    List<V> zrange(K key, long start, long stop);

    /** {@code ZRANGE key start stop WITHSCORES}. */
    List<ScoredValue<V>> zrangeWithScores(K key, long start, long stop);

    /** {@code ZPOPMIN key}: the member with the lowest score, removed; null if the key does not exist. */
    ScoredValue<V> zpopmin(K key);

    /** {@code ZPOPMIN key count}: up to {@code count} lowest members, removed. */
    List<ScoredValue<V>> zpopmin(K key, long count);

    /** {@code ZPOPMAX key}: the member with the highest score, removed; null if the key does not exist. */
    ScoredValue<V> zpopmax(K key);

    /** {@code ZPOPMAX key count}: up to {@code count} highest members, removed. */
    List<ScoredValue<V>> zpopmax(K key, long count);

    /**
     * {@code BZPOPMIN key [key ...] timeout}: the lowest member of the first non-empty sorted set, removed, with
     * its key; waits up to {@code timeoutSeconds} (0: forever) for one, then returns null.
     */
    @SuppressWarnings("unchecked")
    KeyValue<K, ScoredValue<V>> bzpopmin(double timeoutSeconds, K... keys);

    /** {@link #bzpopmin} without waiting on the calling thread. */
    @SuppressWarnings("unchecked")
    CompletableFuture<KeyValue<K, ScoredValue<V>>> bzpopminAsync(double timeoutSeconds, K... keys);

    /** {@code BZPOPMAX key [key ...] timeout}: as {@link #bzpopmin}, the highest member. */
    @SuppressWarnings("unchecked")
    KeyValue<K, ScoredValue<V>> bzpopmax(double timeoutSeconds, K... keys);

    /** {@link #bzpopmax} without waiting on the calling thread. */
    @SuppressWarnings("unchecked")
    CompletableFuture<KeyValue<K, ScoredValue<V>>> bzpopmaxAsync(double timeoutSeconds, K... keys);

    // ---------------------------------------------------------------- streams

    /** {@code XADD key * field value ...}: appends an entry with a generated id and returns that id. */
    String xadd(K key, Map<K, V> body);

    /** {@code XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT n]] id field value ...}; null if NOMKSTREAM and no stream. */
    String xadd(K key, XAddArgs args, Map<K, V> body);

    /** {@code XLEN key}: the number of entries, 0 when the key does not exist. */
    Long xlen(K key);

    /** {@code XRANGE key start end}: entries with ids in [start, end] ({@code -}, {@code +}, {@code (id} exclusive). */
    List<StreamMessage<K, V>> xrange(K key, String start, String end);

    /** {@code XRANGE key start end COUNT count}. */
    List<StreamMessage<K, V>> xrange(K key, String start, String end, long count);

    /** {@code XREVRANGE key end start}: as {@link #xrange}, highest id first. */
    List<StreamMessage<K, V>> xrevrange(K key, String end, String start);

    /** {@code XREVRANGE key end start COUNT count}. */
    List<StreamMessage<K, V>> xrevrange(K key, String end, String start, long count);

    /** {@code XDEL key id [id ...]}: the number of entries deleted. */
    Long xdel(K key, String... ids);

    /** {@code XTRIM key MAXLEN count}: exact trimming; the number of entries removed. */
    Long xtrim(K key, long count);

    /** {@code XTRIM key MAXLEN [~] count}. */
    Long xtrim(K key, boolean approximateTrimming, long count);

    /** {@code XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT n]}. */
    Long xtrim(K key, XTrimArgs args);

    /** {@code XREAD STREAMS key ... id ...}: the entries after each offset, stream by stream; empty if none. */
    @SuppressWarnings("unchecked")
    List<StreamMessage<K, V>> xread(StreamOffset<K>... streams);

    /** {@code XREAD COUNT count STREAMS key ... id ...}: at most {@code count} entries per stream. */
    @SuppressWarnings("unchecked")
    List<StreamMessage<K, V>> xread(long count, StreamOffset<K>... streams);

    /**
     * {@code XREAD BLOCK millis STREAMS key ... id ...}: completes with the entries at once if there are some, else
     * with the first entries added to one of the streams, or an empty list after {@code blockMillis} (0: never).
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<List<StreamMessage<K, V>>> xreadAsync(long blockMillis, StreamOffset<K>... streams);

    /**
     * {@code XGROUP CREATE key group id [MKSTREAM]}: a consumer group that will deliver the entries after {@code id}
     * ({@code $}: after the current last entry); {@code mkStream} creates an empty stream if the key does not exist.
     */
    String xgroupCreate(K key, K group, String id, boolean mkStream);

    /**
     * {@code XREADGROUP GROUP group consumer STREAMS key ... id ...}: with offset {@code >}, entries never delivered to
     * the group, now pending for {@code consumer}; with an id, the consumer's pending entries after it (an entry
     * deleted since comes with a null body).
     */
    @SuppressWarnings("unchecked")
    List<StreamMessage<K, V>> xreadgroup(K group, K consumer, StreamOffset<K>... streams);

    /** {@code XREADGROUP GROUP group consumer COUNT count STREAMS key ... id ...}. */
    @SuppressWarnings("unchecked")
    List<StreamMessage<K, V>> xreadgroup(K group, K consumer, long count, StreamOffset<K>... streams);

    /**
     * {@code XREADGROUP GROUP group consumer BLOCK millis STREAMS key ... >}: completes at once if there are new
     * entries, else with the first ones added, or an empty list after {@code blockMillis} (0: never).
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<List<StreamMessage<K, V>>> xreadgroupAsync(K group, K consumer, long blockMillis, StreamOffset<K>... streams);

    /** {@code XACK key group id [id ...]}: how many of the ids were pending and are now acknowledged. */
    Long xack(K key, K group, String... ids);

    /** {@code XPENDING key group}: the group's pending entries summed up. */
    StreamPendingSummary<K> xpending(K key, K group);

    /**
     * {@code XPENDING key group start end count}: at most {@code count} of the group's pending entries with ids in
     * [start, end] ({@code -}, {@code +}, {@code (id} exclusive), lowest id first.
     */
    List<StreamPendingEntry<K>> xpending(K key, K group, String start, String end, long count);

    /** {@code XPENDING key group start end count consumer}: as above, the entries pending for {@code consumer}. */
    List<StreamPendingEntry<K>> xpending(K key, K group, String start, String end, long count, K consumer);

    /**
     * {@code XPENDING key group IDLE minIdleMillis start end count [consumer]}: as above, the entries delivered at
     * least {@code minIdleMillis} ago; {@code consumer} null for every consumer's.
     */
    List<StreamPendingEntry<K>> xpending(K key, K group, long minIdleMillis, String start, String end, long count, K consumer);

    /**
     * {@code XCLAIM key group consumer min-idle-time id ...}: the entries among {@code ids} pending for at least
     * {@code minIdleMillis}, now pending for {@code consumer} and counted as delivered again; ids deleted from the
     * stream are dropped from the pending entries and not returned.
     */
    List<StreamMessage<K, V>> xclaim(K key, K group, K consumer, long minIdleMillis, String... ids);

    /**
     * {@code XCLAIM key group consumer min-idle-time id ... [IDLE ms] [TIME unix-ms] [RETRYCOUNT n] [FORCE] [JUSTID]}:
     * as above with {@code args}; with {@code JUSTID} the messages have a null body.
     */
    List<StreamMessage<K, V>> xclaim(K key, K group, K consumer, XClaimArgs args, String... ids);

    /**
     * {@code XAUTOCLAIM key group consumer min-idle-time start}: claims for {@code consumer} up to 100 pending
     * entries idle for at least {@code minIdleMillis}, scanning from {@code start}.
     */
    StreamClaimed<K, V> xautoclaim(K key, K group, K consumer, long minIdleMillis, String start);

    /** {@code XAUTOCLAIM key group consumer min-idle-time start [COUNT n] [JUSTID]}. */
    StreamClaimed<K, V> xautoclaim(K key, K group, K consumer, long minIdleMillis, String start, XAutoClaimArgs args);

    /** {@code XINFO GROUPS key}: the stream's consumer groups, in name order. */
    List<StreamGroupInfo<K>> xinfoGroups(K key);

    /** {@code XINFO CONSUMERS key group}: the group's consumers, in name order. */
    List<StreamConsumerInfo<K>> xinfoConsumers(K key, K group);

    /** {@code XGROUP SETID key group id}: the group will next deliver the entries after {@code id} ({@code $}: the last). */
    String xgroupSetid(K key, K group, String id);

    /** {@code XGROUP DESTROY key group}: whether the group existed; its pending entries go with it. */
    Boolean xgroupDestroy(K key, K group);

    /** {@code XGROUP CREATECONSUMER key group consumer}: whether the consumer was created (false: it existed). */
    Boolean xgroupCreateconsumer(K key, K group, K consumer);

    /** {@code XGROUP DELCONSUMER key group consumer}: how many entries were pending for the deleted consumer. */
    Long xgroupDelconsumer(K key, K group, K consumer);
}
