package io.ferrite.core.type.zset;

import io.ferrite.core.blocking.TimeoutReply;
import io.ferrite.core.blocking.Timeouts;
import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.NumKeys;
import io.ferrite.core.command.Numbers;
import io.ferrite.core.command.ScanOptions;
import io.ferrite.core.config.Config;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.resp.RespFormat;
import io.ferrite.core.type.dict.Dict;
import io.ferrite.core.type.set.SetCommands;
import io.ferrite.core.type.set.SetValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.ferrite.core.command.AclCategory.SORTEDSET;
import static io.ferrite.core.command.CommandFlag.*;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * Sorted set commands (Redis's {@code t_zset.c}). Scores are replied with {@code out.doubleValue}; member/score
 * lists are flat in RESP2 and arrays of {@code [member, score]} pairs in RESP3, as Redis does.
 *
 * <p>BZPOPMIN, BZPOPMAX and BZMPOP run as their non-blocking forms and, finding every key missing, park on their
 * keys (see {@code io.ferrite.core.blocking}); the dispatcher runs them again after a write to one of those keys.
 * Sorted sets are never empty, so "the key exists" is exactly "there is something to pop".
 */
public final class ZSetCommands {
    private ZSetCommands() {}

    static final String NAN = "ERR resulting score is not a number (NaN)";

    public static void register(CommandTable t) {
        t.add(spec("zadd", -4).flags(WRITE, DENYOOM, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("1.2.0")
                .summary("Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.")
                .handler(ZSetCommands::zadd));
        t.add(spec("zincrby", 4).flags(WRITE, DENYOOM, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("1.2.0")
                .summary("Increments the score of a member in a sorted set.").handler(ZSetCommands::zincrby));
        t.add(spec("zrem", -3).flags(WRITE, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("1.2.0")
                .summary("Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.")
                .handler(ZSetCommands::zrem));
        t.add(spec("zcard", 2).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("1.2.0")
                .summary("Returns the number of members in a sorted set.").handler(ZSetCommands::zcard));
        t.add(spec("zscore", 3).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("1.2.0")
                .summary("Returns the score of a member in a sorted set.").handler(ZSetCommands::zscore));
        t.add(spec("zmscore", -3).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("6.2.0")
                .summary("Returns the score of one or more members in a sorted set.").handler(ZSetCommands::zmscore));
        t.add(spec("zrank", -3).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.0.0")
                .summary("Returns the index of a member in a sorted set ordered by ascending scores.")
                .handler(c -> zrank(c, false)));
        t.add(spec("zrevrank", -3).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.0.0")
                .summary("Returns the index of a member in a sorted set ordered by descending scores.")
                .handler(c -> zrank(c, true)));
        t.add(spec("zcount", 4).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.0.0")
                .summary("Returns the count of members in a sorted set that have scores within a range.")
                .handler(ZSetCommands::zcount));
        t.add(spec("zlexcount", 4).flags(READONLY, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.8.9")
                .summary("Returns the number of members in a sorted set within a lexicographical range.")
                .handler(ZSetCommands::zlexcount));
        rangeSpec(t, "zrange", -4, "1.2.0", "Returns members in a sorted set within a range of indexes.", Kind.AUTO, false);
        rangeSpec(t, "zrevrange", -4, "1.2.0", "Returns members in a sorted set within a range of indexes in reverse order.", Kind.RANK, true);
        rangeSpec(t, "zrangebyscore", -4, "1.0.5", "Returns members in a sorted set within a range of scores.", Kind.SCORE, false);
        rangeSpec(t, "zrevrangebyscore", -4, "2.2.0", "Returns members in a sorted set within a range of scores in reverse order.", Kind.SCORE, true);
        rangeSpec(t, "zrangebylex", -4, "2.8.9", "Returns members in a sorted set within a lexicographical range.", Kind.LEX, false);
        rangeSpec(t, "zrevrangebylex", -4, "2.8.9", "Returns members in a sorted set within a lexicographical range in reverse order.", Kind.LEX, true);
        t.add(spec("zrangestore", -5).flags(WRITE, DENYOOM).acl(SORTEDSET).keys(1, 2, 1).group("sorted_set").since("6.2.0")
                .summary("Stores a range of members from sorted set in a key.")
                .handler(c -> zrange(c, Kind.AUTO, false, true)));
        t.add(spec("zremrangebyrank", 4).flags(WRITE).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.0.0")
                .summary("Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.")
                .handler(c -> zremrange(c, Kind.RANK)));
        t.add(spec("zremrangebyscore", 4).flags(WRITE).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("1.2.0")
                .summary("Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.")
                .handler(c -> zremrange(c, Kind.SCORE)));
        t.add(spec("zremrangebylex", 4).flags(WRITE).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.8.9")
                .summary("Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.")
                .handler(c -> zremrange(c, Kind.LEX)));
        t.add(spec("zpopmin", -2).flags(WRITE, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("5.0.0")
                .summary("Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.")
                .handler(c -> zpop(c, false)));
        t.add(spec("zpopmax", -2).flags(WRITE, FAST).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("5.0.0")
                .summary("Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.")
                .handler(c -> zpop(c, true)));
        t.add(spec("zmpop", -4).flags(WRITE).acl(SORTEDSET).keys(0, 0, 0, NumKeys.at(1)).group("sorted_set").since("7.0.0")
                .summary("Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.")
                .handler(c -> zmpop(c, 1, false)));
        t.add(spec("bzpopmin", -3).flags(WRITE, NOSCRIPT, BLOCKING, FAST).acl(SORTEDSET).keys(1, -2, 1).group("sorted_set").since("5.0.0")
                .summary("Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .handler(c -> bzpop(c, false)));
        t.add(spec("bzpopmax", -3).flags(WRITE, NOSCRIPT, BLOCKING, FAST).acl(SORTEDSET).keys(1, -2, 1).group("sorted_set").since("5.0.0")
                .summary("Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .handler(c -> bzpop(c, true)));
        t.add(spec("bzmpop", -5).flags(WRITE, BLOCKING).acl(SORTEDSET).keys(0, 0, 0, NumKeys.at(2)).group("sorted_set").since("7.0.0")
                .summary("Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .handler(c -> zmpop(c, 2, true)));
        t.add(spec("zrandmember", -2).flags(READONLY).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("6.2.0")
                .summary("Returns one or more random members from a sorted set.").handler(ZSetCommands::zrandmember));
        t.add(spec("zscan", -3).flags(READONLY).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since("2.8.0")
                .summary("Iterates over members and scores of a sorted set.").handler(ZSetCommands::zscan));
        t.add(spec("zunion", -3).flags(READONLY).acl(SORTEDSET).keys(0, 0, 0, NumKeys.at(1)).group("sorted_set").since("6.2.0")
                .summary("Returns the union of multiple sorted sets.").handler(c -> combine(c, Op.UNION, false, false)));
        t.add(spec("zinter", -3).flags(READONLY).acl(SORTEDSET).keys(0, 0, 0, NumKeys.at(1)).group("sorted_set").since("6.2.0")
                .summary("Returns the intersect of multiple sorted sets.").handler(c -> combine(c, Op.INTER, false, false)));
        t.add(spec("zdiff", -3).flags(READONLY).acl(SORTEDSET).keys(0, 0, 0, NumKeys.at(1)).group("sorted_set").since("6.2.0")
                .summary("Returns the difference between multiple sorted sets.").handler(c -> combine(c, Op.DIFF, false, false)));
        t.add(spec("zintercard", -3).flags(READONLY).acl(SORTEDSET).keys(0, 0, 0, NumKeys.at(1)).group("sorted_set").since("7.0.0")
                .summary("Returns the number of members of the intersect of multiple sorted sets.")
                .handler(c -> combine(c, Op.INTER, false, true)));
        t.add(spec("zunionstore", -4).flags(WRITE, DENYOOM).acl(SORTEDSET).keys(1, 1, 1, NumKeys.at(2, 1)).group("sorted_set").since("2.0.0")
                .summary("Stores the union of multiple sorted sets in a key.").handler(c -> combine(c, Op.UNION, true, false)));
        t.add(spec("zinterstore", -4).flags(WRITE, DENYOOM).acl(SORTEDSET).keys(1, 1, 1, NumKeys.at(2, 1)).group("sorted_set").since("2.0.0")
                .summary("Stores the intersect of multiple sorted sets in a key.").handler(c -> combine(c, Op.INTER, true, false)));
        t.add(spec("zdiffstore", -4).flags(WRITE, DENYOOM).acl(SORTEDSET).keys(1, 1, 1, NumKeys.at(2, 1)).group("sorted_set").since("6.2.0")
                .summary("Stores the difference of multiple sorted sets in a key.").handler(c -> combine(c, Op.DIFF, true, false)));
    }

    enum Kind { AUTO, RANK, SCORE, LEX }

    private static void rangeSpec(CommandTable t, String name, int arity, String since, String summary, Kind kind, boolean rev) {
        t.add(spec(name, arity).flags(READONLY).acl(SORTEDSET).keys(1, 1, 1).group("sorted_set").since(since)
                .summary(summary).handler(c -> zrange(c, kind, rev, false)));
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    static void zadd(CommandContext c) {
        Args a = c.args;
        boolean nx = false, xx = false, ch = false, incr = false, gt = false, lt = false;
        int i = 2;
        for (; i < c.argc(); i++) {
            if (a.is(i, "NX")) nx = true;
            else if (a.is(i, "XX")) xx = true;
            else if (a.is(i, "CH")) ch = true;
            else if (a.is(i, "INCR")) incr = true;
            else if (a.is(i, "GT")) gt = true;
            else if (a.is(i, "LT")) lt = true;
            else break;
        }
        int elements = c.argc() - i;
        if (elements == 0 || elements % 2 != 0) throw Errors.syntax();
        elements /= 2;
        if (nx && xx) throw new CommandException("ERR XX and NX options at the same time are not compatible");
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandException("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 1) throw new CommandException("ERR INCR option supports a single increment-element pair");
        double[] scores = new double[elements];
        long maxLen = 0;
        for (int e = 0; e < elements; e++) {
            scores[e] = a.doubleValue(i + 2 * e);
            maxLen = Math.max(maxLen, a.bytes(i + 2 * e + 1).length);
        }
        byte[] key = c.arg(1);
        Config cfg = c.engine.config();
        ZSetValue z = c.write(key, ZSetValue.class);
        if (incr && z != null) {
            double cur = z.score(a.bytes(i + 1));
            if (!Double.isNaN(cur) && !nx && Double.isNaN(cur + scores[0])) throw new CommandException(NAN);
        }
        if (z == null) {
            if (xx) {
                if (incr) c.out.nil();
                else c.out.integer(0);
                return;
            }
            z = ZSetValue.create(elements, maxLen, cfg);
            put(c, key, z);
        } else {
            z.reserve(elements, cfg);
        }
        long added = 0, updated = 0, processed = 0;
        double last = 0;
        for (int e = 0; e < elements; e++) {
            byte[] member = a.bytes(i + 2 * e + 1);
            double score = scores[e];
            double cur = z.score(member);
            if (Double.isNaN(cur)) {
                if (xx) continue;
                z.add(member, score, cfg);
                added++;
            } else {
                if (nx) continue;
                if (incr) score += cur;
                if ((lt && score >= cur) || (gt && score <= cur)) continue;
                if (score != cur) {
                    z.setScore(member, score);
                    updated++;
                }
            }
            processed++;
            last = score;
        }
        // As in Redis: only a member added or a score changed is a modification.
        if (added + updated > 0) c.changed(KeyspaceEvents.ZSET, incr ? "zincr" : "zadd", key);
        if (incr) {
            if (processed > 0) c.out.doubleValue(last);
            else c.out.nil();
        } else {
            c.out.integer(ch ? added + updated : added);
        }
    }

    static void zincrby(CommandContext c) {
        double incr = c.args.doubleValue(2);
        byte[] key = c.arg(1);
        byte[] member = c.arg(3);
        Config cfg = c.engine.config();
        ZSetValue z = c.write(key, ZSetValue.class);
        double cur = z == null ? Double.NaN : z.score(member);
        double score = Double.isNaN(cur) ? incr : cur + incr;
        if (Double.isNaN(score)) throw new CommandException(NAN);
        if (z == null) {
            z = ZSetValue.create(1, member.length, cfg);
            put(c, key, z);
        }
        if (Double.isNaN(cur)) {
            z.add(member, score, cfg);
            c.changed(KeyspaceEvents.ZSET, "zincr", key);
        } else if (score != cur) {
            z.setScore(member, score);
            c.changed(KeyspaceEvents.ZSET, "zincr", key);
        }
        c.out.doubleValue(score);
    }

    static void zrem(CommandContext c) {
        byte[] key = c.arg(1);
        ZSetValue z = c.write(key, ZSetValue.class);
        long removed = 0;
        if (z != null) {
            for (int i = 2; i < c.argc() && z.size() > 0; i++) if (z.remove(c.arg(i))) removed++;
            if (removed > 0) removed(c, key, z, "zrem");
        }
        c.out.integer(removed);
    }

    static void zremrange(CommandContext c, Kind kind) {
        byte[] key = c.arg(1);
        long rankStart = 0, rankEnd = 0;
        Ranges.Lex lexMin = null, lexMax = null;
        switch (kind) {
            case RANK -> {
                rankStart = c.args.longValue(2);
                rankEnd = c.args.longValue(3);
            }
            case SCORE -> Ranges.checkScore(c.arg(2), c.arg(3));
            default -> {
                lexMin = Ranges.Lex.parse(c.arg(2));
                lexMax = Ranges.Lex.parse(c.arg(3));
            }
        }
        ZSetValue z = c.write(key, ZSetValue.class);
        if (z == null) {
            c.out.integer(0);
            return;
        }
        Ranges.Span span = switch (kind) {
            case RANK -> rankSpan(z.size(), rankStart, rankEnd);
            case SCORE -> Ranges.byScore(z, c.arg(2), c.arg(3));
            default -> {
                Ranges.Run run = Ranges.lex(z, lexMin, lexMax, false);
                yield new Ranges.Span(run.first(), run.first() + run.count());
            }
        };
        long removed = z.removeRange(span.start(), span.end());
        if (removed > 0) {
            removed(c, key, z, switch (kind) {
                case RANK -> "zremrangebyrank";
                case SCORE -> "zremrangebyscore";
                default -> "zremrangebylex";
            });
        }
        c.out.integer(removed);
    }

    /** After members left {@code z} at {@code key}: notifies {@code event}, deletes the set if it is now empty. */
    private static void removed(CommandContext c, byte[] key, ZSetValue z, String event) {
        c.changed(KeyspaceEvents.ZSET, event, key);
        if (z.size() == 0) c.deleteEmptied(key);
    }

    /** Redis's rank normalisation: negative from the end, clamped; an empty span when out of range. */
    static Ranges.Span rankSpan(long size, long start, long end) {
        if (start < 0) start += size;
        if (end < 0) end += size;
        if (start < 0) start = 0;
        if (start > end || start >= size) return new Ranges.Span(0, 0);
        if (end >= size) end = size - 1;
        return new Ranges.Span(start, end + 1);
    }

    // ---- single-member reads ---------------------------------------------------------------------------------

    static void zcard(CommandContext c) {
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        c.out.integer(z == null ? 0 : z.size());
    }

    static void zscore(CommandContext c) {
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        double s = z == null ? Double.NaN : z.score(c.arg(2));
        if (Double.isNaN(s)) c.out.nil();
        else c.out.doubleValue(s);
    }

    static void zmscore(CommandContext c) {
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        c.out.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            double s = z == null ? Double.NaN : z.score(c.arg(i));
            if (Double.isNaN(s)) c.out.nil();
            else c.out.doubleValue(s);
        }
    }

    static void zrank(CommandContext c, boolean reverse) {
        if (c.argc() > 4) throw new CommandException(Errors.arity(c.spec.fullName()));
        boolean withScore = false;
        if (c.argc() == 4) {
            if (!c.args.is(3, "WITHSCORE")) throw Errors.syntax();
            withScore = true;
        }
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        byte[] member = c.arg(2);
        long rank = z == null ? -1 : z.rank(member);
        if (rank < 0) {
            if (withScore) c.out.nilArray();
            else c.out.nil();
            return;
        }
        if (reverse) rank = z.size() - 1 - rank;
        if (withScore) {
            c.out.array(2);
            c.out.integer(rank);
            c.out.doubleValue(z.score(member));
        } else {
            c.out.integer(rank);
        }
    }

    static void zcount(CommandContext c) {
        Ranges.checkScore(c.arg(2), c.arg(3));
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        c.out.integer(z == null ? 0 : Ranges.byScore(z, c.arg(2), c.arg(3)).length());
    }

    static void zlexcount(CommandContext c) {
        Ranges.Lex min = Ranges.Lex.parse(c.arg(2));
        Ranges.Lex max = Ranges.Lex.parse(c.arg(3));
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        c.out.integer(z == null ? 0 : Ranges.lexCount(z, min, max));
    }

    // ---- ranges -----------------------------------------------------------------------------------------------

    /** Members with their scores, collected before replying or storing. */
    static final class Entries {
        byte[][] members = new byte[8][];
        double[] scores = new double[8];
        int size;

        void add(byte[] m, double s) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
                scores = Arrays.copyOf(scores, size * 2);
            }
            members[size] = m;
            scores[size++] = s;
        }

        long maxMemberLength() {
            long n = 0;
            for (int i = 0; i < size; i++) n = Math.max(n, members[i].length);
            return n;
        }
    }

    /**
     * ZRANGE and its older forms. {@code preset} fixes the range kind (ZRANGEBYSCORE ...) or leaves it to the
     * BYSCORE/BYLEX options ({@link Kind#AUTO}); {@code presetRev} likewise for REV.
     */
    static void zrange(CommandContext c, Kind preset, boolean presetRev, boolean store) {
        Args a = c.args;
        int src = store ? 2 : 1;
        Kind kind = preset;
        boolean rev = presetRev;
        boolean revGiven = preset != Kind.AUTO;
        boolean withScores = false;
        long offset = 0, limit = -1;
        for (int j = src + 3; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (!store && a.is(j, "WITHSCORES")) withScores = true;
            else if (a.is(j, "LIMIT") && left >= 2) {
                offset = a.longValue(j + 1);
                limit = a.longValue(j + 2);
                j += 2;
            } else if (!revGiven && a.is(j, "REV")) {
                rev = true;
                revGiven = true;
            } else if (kind == Kind.AUTO && a.is(j, "BYLEX")) kind = Kind.LEX;
            else if (kind == Kind.AUTO && a.is(j, "BYSCORE")) kind = Kind.SCORE;
            else throw Errors.syntax();
        }
        if (kind == Kind.AUTO) kind = Kind.RANK;
        if (limit != -1 && kind == Kind.RANK) { // as Redis tests it: LIMIT with a count of -1 passes
            throw new CommandException("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && kind == Kind.LEX) {
            throw new CommandException("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        byte[] min = a.bytes(src + 1);
        byte[] max = a.bytes(src + 2);
        if (rev && kind != Kind.RANK) {
            byte[] t = min;
            min = max;
            max = t;
        }
        long rankStart = 0, rankEnd = 0;
        Ranges.Lex lexMin = null, lexMax = null;
        switch (kind) {
            case RANK -> {
                rankStart = Numbers.parseLong(min);
                rankEnd = Numbers.parseLong(max);
            }
            case SCORE -> Ranges.checkScore(min, max);
            default -> {
                lexMin = Ranges.Lex.parse(min);
                lexMax = Ranges.Lex.parse(max);
            }
        }
        ZSetValue z = c.read(a.bytes(src), ZSetValue.class);
        Entries result = new Entries();
        if (z != null) {
            if (kind == Kind.RANK) {
                Ranges.Span span = rankSpan(z.size(), rankStart, rankEnd);
                if (span.length() > 0) {
                    long from = rev ? z.size() - 1 - span.start() : span.start();
                    z.walk(from, rev, span.length(), result::add);
                }
            } else {
                long first;
                long available;
                if (kind == Kind.SCORE) {
                    Ranges.Span span = Ranges.byScore(z, min, max);
                    first = rev ? span.end() - 1 : span.start();
                    available = span.length();
                } else {
                    Ranges.Run run = Ranges.lex(z, lexMin, lexMax, rev);
                    first = run.first();
                    available = run.count();
                }
                if (offset >= 0 && offset < available) {
                    long n = available - offset;
                    if (limit >= 0) n = Math.min(n, limit);
                    z.walk(rev ? first - offset : first + offset, rev, n, result::add);
                }
            }
        }
        if (store) {
            c.out.integer(store(c, c.arg(1), result, "zrangestore"));
        } else {
            replyEntries(c, result, withScores);
        }
    }

    /**
     * Replaces {@code dst} with {@code entries} and notifies {@code event}, or deletes it (notifying {@code del} if
     * it existed) when there are none; returns the stored size.
     */
    static long store(CommandContext c, byte[] dst, Entries entries, String event) {
        if (entries.size == 0) {
            if (c.db().delete(dst, c.now)) c.changed(KeyspaceEvents.GENERIC, "del", dst);
            return 0;
        }
        Config cfg = c.engine.config();
        ZSetValue z = ZSetValue.create(entries.size, entries.maxMemberLength(), cfg);
        for (int i = 0; i < entries.size; i++) z.add(entries.members[i], entries.scores[i], cfg);
        put(c, dst, z);
        c.changed(KeyspaceEvents.ZSET, event, dst);
        return entries.size;
    }

    /**
     * Stores a new, possibly still empty sorted set under {@code key}, replacing any value and its TTL. Callers add
     * members before the command ends.
     */
    private static void put(CommandContext c, byte[] key, ZSetValue z) {
        c.db().set(key, z, c.now);
    }

    /** Members alone, or with scores: flat in RESP2, {@code [member, score]} pairs in RESP3. */
    static void replyEntries(CommandContext c, Entries e, boolean withScores) {
        if (!withScores) {
            c.out.array(e.size);
            for (int i = 0; i < e.size; i++) c.out.bulk(e.members[i]);
            return;
        }
        boolean pairs = c.out.protocol() >= 3;
        c.out.array(pairs ? e.size : e.size * 2);
        for (int i = 0; i < e.size; i++) {
            if (pairs) c.out.array(2);
            c.out.bulk(e.members[i]);
            c.out.doubleValue(e.scores[i]);
        }
    }

    // ---- pops and random ----------------------------------------------------------------------------------------

    static void zpop(CommandContext c, boolean max) {
        if (c.argc() > 3) throw Errors.syntax();
        boolean countGiven = c.argc() == 3;
        long count = 1;
        if (countGiven) {
            count = c.args.nonNegativeLong(2);
        }
        byte[] key = c.arg(1);
        ZSetValue z = c.write(key, ZSetValue.class);
        if (z == null || count == 0) {
            c.out.array(0);
            return;
        }
        Entries popped = pop(c, key, z, max, count);
        if (countGiven) replyEntries(c, popped, true);
        else {
            c.out.array(2);
            c.out.bulk(popped.members[0]);
            c.out.doubleValue(popped.scores[0]);
        }
    }

    private static Entries pop(CommandContext c, byte[] key, ZSetValue z, boolean max, long count) {
        Entries popped = new Entries();
        long n = Math.min(count, z.size());
        long from = max ? z.size() - 1 : 0;
        z.walk(from, max, n, popped::add);
        if (max) z.removeRange(z.size() - n, z.size());
        else z.removeRange(0, n);
        removed(c, key, z, max ? "zpopmax" : "zpopmin");
        return popped;
    }

    /**
     * BZPOPMIN and BZPOPMAX: the first existing sorted set of the keys gives [key, member, score]; none: wait.
     * The timeout is read first, then the keys in order (a wrong type before the first sorted set is an error).
     */
    static void bzpop(CommandContext c, boolean max) {
        long timeout = Timeouts.millis(c.arg(c.argc() - 1));
        int lastKey = c.argc() - 2;
        for (int i = 1; i <= lastKey; i++) {
            byte[] key = c.arg(i);
            ZSetValue z = c.write(key, ZSetValue.class);
            if (z == null) continue;
            Entries popped = pop(c, key, z, max, 1);
            c.out.array(3);
            c.out.bulk(key);
            c.out.bulk(popped.members[0]);
            c.out.doubleValue(popped.scores[0]);
            return;
        }
        c.block(keys(c, 1, lastKey), timeout, TimeoutReply.NIL_ARRAY);
    }

    /**
     * ZMPOP (numkeys at 1) and BZMPOP (timeout at 1, numkeys at 2): [key, [[member, score] ...]] from the first
     * existing sorted set. As in Redis, BZMPOP reads its timeout after numkeys, MIN|MAX and COUNT.
     */
    static void zmpop(CommandContext c, int numkeysIndex, boolean blocking) {
        Args a = c.args;
        long numkeys = positive(a, numkeysIndex, "ERR numkeys should be greater than 0");
        if (numkeys >= c.argc() - numkeysIndex - 1) throw Errors.syntax();
        int whereIdx = numkeysIndex + (int) numkeys + 1;
        boolean max;
        if (a.is(whereIdx, "MIN")) max = false;
        else if (a.is(whereIdx, "MAX")) max = true;
        else throw Errors.syntax();
        long count = -1;
        for (int j = whereIdx + 1; j < c.argc(); j++) {
            if (count == -1 && a.is(j, "COUNT") && j + 1 < c.argc()) {
                count = positive(a, ++j, "ERR count should be greater than 0");
            } else {
                throw Errors.syntax();
            }
        }
        if (count == -1) count = 1;
        long timeout = blocking ? Timeouts.millis(a.bytes(1)) : 0;
        int firstKey = numkeysIndex + 1;
        int lastKey = whereIdx - 1;
        for (int k = firstKey; k <= lastKey; k++) {
            byte[] key = a.bytes(k);
            ZSetValue z = c.write(key, ZSetValue.class);
            if (z == null) continue;
            Entries popped = pop(c, key, z, max, count);
            c.out.array(2);
            c.out.bulk(key);
            c.out.array(popped.size);
            for (int i = 0; i < popped.size; i++) {
                c.out.array(2);
                c.out.bulk(popped.members[i]);
                c.out.doubleValue(popped.scores[i]);
            }
            return;
        }
        if (blocking) c.block(keys(c, firstKey, lastKey), timeout, TimeoutReply.NIL_ARRAY);
        else c.out.nilArray();
    }

    /** Arguments {@code first..last} (inclusive): the keys a blocked command waits on. */
    private static byte[][] keys(CommandContext c, int first, int last) {
        byte[][] keys = new byte[last - first + 1][];
        for (int i = first; i <= last; i++) keys[i - first] = c.arg(i);
        return keys;
    }

    /** An integer in 1..Long.MAX_VALUE at {@code i}, else {@code error} (also for non-numbers, as Redis does). */
    private static long positive(Args a, int i, String error) {
        byte[] b = a.bytes(i);
        if (!Numbers.isLong(b)) throw new CommandException(error);
        long n = Numbers.parseLongUnchecked(b, 0, b.length);
        if (n < 1) throw new CommandException(error);
        return n;
    }

    static final String RANDOM_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    static void zrandmember(CommandContext c) {
        byte[] key = c.arg(1);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (c.argc() == 2) {
            ZSetValue z = c.read(key, ZSetValue.class);
            if (z == null) {
                c.out.nil();
                return;
            }
            z.walk(random.nextInt(z.size()), false, 1, (m, s) -> c.out.bulk(m));
            return;
        }
        long l = c.args.longValue(2);
        if (l == Long.MIN_VALUE) throw new CommandException(RANDOM_RANGE);
        if (c.argc() > 4 || (c.argc() == 4 && !c.args.is(3, "WITHSCORES"))) throw Errors.syntax();
        boolean withScores = c.argc() == 4;
        if (withScores && (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2)) {
            throw new CommandException("ERR value is out of range");
        }
        ZSetValue z = c.read(key, ZSetValue.class);
        Entries out = new Entries();
        if (z != null && l != 0) {
            int size = z.size();
            if (l < 0) {
                if (-l > Integer.MAX_VALUE - 8) throw new CommandException("ERR value is out of range");
                for (long i = 0; i < -l; i++) z.walk(random.nextInt(size), false, 1, out::add);
            } else if (l >= size) {
                z.forEach(out::add);
            } else {
                int[] idx = new int[size];
                for (int i = 0; i < size; i++) idx[i] = i;
                for (int i = 0; i < l; i++) {
                    int j = i + random.nextInt(size - i);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                    z.walk(idx[i], false, 1, out::add);
                }
            }
        }
        replyEntries(c, out, withScores);
    }

    static void zscan(CommandContext c) {
        long cursor = Numbers.parseCursor(c.arg(2));
        ZSetValue z = c.read(c.arg(1), ZSetValue.class);
        if (z == null) {
            ScanOptions.emptyReply(c.out);
            return;
        }
        ScanOptions opts = ScanOptions.parse(c.args, 3);
        Entries found = new Entries();
        long next = z.scan(cursor, opts.count, (m, s) -> {
            if (opts.matches(m)) found.add(m, s);
        });
        c.out.array(2);
        c.out.bulk(Long.toUnsignedString(next));
        c.out.array(found.size * 2);
        for (int i = 0; i < found.size; i++) {
            c.out.bulk(found.members[i]);
            c.out.bulk(scanScore(found.scores[i], z.isCompact()));
        }
    }

    /**
     * A score as ZSCAN prints it: a listpack holds integral scores within +-2^62 as integers and prints them so;
     * everything else is printed as a double ({@code %.17g}).
     */
    private static byte[] scanScore(double s, boolean compact) {
        if (compact && s >= -(double) (Long.MAX_VALUE / 2) && s <= (double) (Long.MAX_VALUE / 2) && s == (long) s) {
            return Numbers.toBytes((long) s);
        }
        return RespFormat.formatDouble(s).getBytes(StandardCharsets.US_ASCII);
    }

    // ---- union / intersection / difference ----------------------------------------------------------------------

    enum Op {
        UNION("zunionstore"), INTER("zinterstore"), DIFF("zdiffstore");

        /** The notification of the STORE form. */
        final String storeEvent;

        Op(String storeEvent) {
            this.storeEvent = storeEvent;
        }
    }

    /** A source of ZUNION & co: a sorted set, a plain set (every score 1), or nothing (missing key). */
    private record Source(ZSetValue zset, SetValue set, double weight) {
        int size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        double score(byte[] m) {
            if (zset != null) return zset.score(m);
            return set != null && set.contains(m) ? 1.0 : Double.NaN;
        }

        void forEach(ZSetValue.Visitor v) {
            if (zset != null) zset.forEach(v);
            else if (set != null) set.forEach(m -> v.visit(m, 1.0));
        }

        Source weighted(double w) {
            return new Source(zset, set, w);
        }
    }

    static void combine(CommandContext c, Op op, boolean store, boolean cardinality) {
        Args a = c.args;
        int numIdx = store ? 2 : 1;
        long numkeys = a.longValue(numIdx);
        if (numkeys < 1) {
            throw new CommandException("ERR at least 1 input key is needed for '" + c.spec.fullName() + "' command");
        }
        if (numkeys > c.argc() - numIdx - 1) throw Errors.syntax();
        int n = (int) numkeys;
        Source[] sources = new Source[n];
        for (int i = 0; i < n; i++) {
            byte[] key = a.bytes(numIdx + 1 + i);
            Object v = c.read(key);
            if (v == null) sources[i] = new Source(null, null, 1);
            else if (v instanceof ZSetValue z) sources[i] = new Source(z, null, 1);
            else if (v instanceof SetValue s) sources[i] = new Source(null, s, 1);
            else throw Errors.wrongType();
        }
        int aggregate = 0; // 0 sum, 1 min, 2 max
        boolean withScores = false;
        long limit = 0;
        int j = numIdx + 1 + n;
        while (j < c.argc()) {
            int remaining = c.argc() - j;
            if (op != Op.DIFF && !cardinality && remaining >= n + 1 && a.is(j, "WEIGHTS")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    double w = Numbers.parseDoubleOrNaN(a.bytes(j));
                    if (Double.isNaN(w) || Numbers.outOfRange(a.bytes(j), w)) {
                        throw new CommandException("ERR weight value is not a float");
                    }
                    sources[i] = sources[i].weighted(w);
                }
            } else if (op != Op.DIFF && !cardinality && remaining >= 2 && a.is(j, "AGGREGATE")) {
                j++;
                if (a.is(j, "SUM")) aggregate = 0;
                else if (a.is(j, "MIN")) aggregate = 1;
                else if (a.is(j, "MAX")) aggregate = 2;
                else throw Errors.syntax();
                j++;
            } else if (!store && !cardinality && a.is(j, "WITHSCORES")) {
                j++;
                withScores = true;
            } else if (cardinality && remaining >= 2 && a.is(j, "LIMIT")) {
                limit = a.longValue(j + 1, "ERR LIMIT can't be negative");
                if (limit < 0) throw new CommandException("ERR LIMIT can't be negative");
                j += 2;
            } else {
                throw Errors.syntax();
            }
        }
        if (cardinality) {
            c.out.integer(intersectCount(sources, limit == 0 ? Long.MAX_VALUE : limit));
            return;
        }
        Entries entries = switch (op) {
            case UNION -> union(sources, aggregate);
            case INTER -> intersect(sources, aggregate);
            case DIFF -> diff(sources);
        };
        if (store) c.out.integer(store(c, c.arg(1), entries, op.storeEvent));
        else replyEntries(c, entries, withScores);
    }

    private static double weigh(double score, double weight) {
        double v = score * weight;
        return Double.isNaN(v) ? 0 : v; // inf * 0
    }

    private static double aggregate(int how, double acc, double v) {
        return switch (how) {
            case 1 -> Math.min(acc, v);
            case 2 -> Math.max(acc, v);
            default -> {
                double sum = acc + v;
                yield Double.isNaN(sum) ? 0 : sum; // inf + -inf
            }
        };
    }

    private static Entries union(Source[] sources, int how) {
        Dict<double[]> acc = new Dict<>();
        List<byte[]> order = new ArrayList<>();
        for (Source s : sources) {
            s.forEach((m, score) -> {
                double v = weigh(score, s.weight());
                double[] sum = acc.get(m);
                if (sum == null) {
                    acc.add(m, new double[] {v});
                    order.add(m);
                } else {
                    sum[0] = aggregate(how, sum[0], v);
                }
            });
        }
        return build(acc, order);
    }

    /** The accumulated members in sorted-set order (score, then member bytes). */
    private static Entries build(Dict<double[]> acc, List<byte[]> order) {
        Integer[] idx = new Integer[order.size()];
        double[] scores = new double[order.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            scores[i] = acc.get(order.get(i))[0];
        }
        Arrays.sort(idx, (x, y) -> ScoreTree.compare(scores[x], order.get(x), scores[y], order.get(y)));
        Entries out = new Entries();
        for (int i : idx) out.add(order.get(i), scores[i]);
        return out;
    }

    private static Source[] bySize(Source[] sources) {
        Source[] sorted = sources.clone();
        Arrays.sort(sorted, (x, y) -> Integer.compare(x.size(), y.size()));
        return sorted;
    }

    private static Entries intersect(Source[] sources, int how) {
        Dict<double[]> acc = new Dict<>();
        List<byte[]> order = new ArrayList<>();
        for (Source s : sources) if (s.size() == 0) return build(acc, order);
        Source[] sorted = bySize(sources);
        sorted[0].forEach((m, score) -> {
            double v = weigh(score, sorted[0].weight());
            for (int i = 1; i < sorted.length; i++) {
                double other = sorted[i].score(m);
                if (Double.isNaN(other)) return;
                v = aggregate(how, v, weigh(other, sorted[i].weight()));
            }
            acc.add(m, new double[] {v});
            order.add(m);
        });
        return build(acc, order);
    }

    private static long intersectCount(Source[] sources, long limit) {
        for (Source s : sources) if (s.size() == 0) return 0;
        Source[] sorted = bySize(sources);
        long[] n = {0};
        sorted[0].forEach((m, score) -> {
            if (n[0] >= limit) return;
            for (int i = 1; i < sorted.length; i++) if (Double.isNaN(sorted[i].score(m))) return;
            n[0]++;
        });
        return n[0];
    }

    private static Entries diff(Source[] sources) {
        Dict<double[]> acc = new Dict<>();
        List<byte[]> order = new ArrayList<>();
        sources[0].forEach((m, score) -> {
            for (int i = 1; i < sources.length; i++) if (!Double.isNaN(sources[i].score(m))) return;
            acc.add(m, new double[] {score});
            order.add(m);
        });
        return build(acc, order);
    }
}
