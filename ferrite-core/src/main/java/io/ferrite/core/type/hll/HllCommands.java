package io.ferrite.core.type.hll;

import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandTable;
import io.ferrite.core.command.Errors;
import io.ferrite.core.config.KeyspaceEvents;
import io.ferrite.core.keyspace.RawString;
import io.ferrite.core.type.string.Strings;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static io.ferrite.core.command.AclCategory.HYPERLOGLOG;
import static io.ferrite.core.command.CommandFlag.ADMIN;
import static io.ferrite.core.command.CommandFlag.DENYOOM;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.READONLY;
import static io.ferrite.core.command.CommandFlag.WRITE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * HyperLogLog commands (Redis's {@code hyperloglog.c}) on string values laid out by {@link Hll}. An HLL that a
 * command updates becomes a {@link RawString} once and is then changed in its buffer (sparse edits shift bytes in
 * place; the dense conversion swaps the buffer), so PFADD costs no copy of the value. Every handler runs with its
 * keys' shards locked.
 *
 * <p>As in Redis, PFCOUNT of one key is a read that may write: it stores the computed cardinality in the header
 * (which signals watchers, without a notification). It looks the key up as a read (hit/miss statistics, keymiss).
 */
public final class HllCommands {
    private HllCommands() {}

    static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    static final String CORRUPTED = "INVALIDOBJ Corrupted HLL object detected";

    public static void register(CommandTable t) {
        t.add(spec("pfadd", -2).flags(WRITE, DENYOOM, FAST).acl(HYPERLOGLOG).keys(1, 1, 1).group("hyperloglog")
                .since("2.8.9").summary("Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.")
                .complexity("O(1) to add every element.").handler(HllCommands::pfadd));
        t.add(spec("pfcount", -2).flags(READONLY).acl(HYPERLOGLOG).keys(1, -1, 1).group("hyperloglog")
                .since("2.8.9").summary("Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).")
                .complexity("O(1) with a very small average constant time when called with a single key. O(N) with N "
                        + "being the number of keys, and much bigger constant times, when called with multiple keys.")
                .handler(HllCommands::pfcount));
        t.add(spec("pfmerge", -2).flags(WRITE, DENYOOM).acl(HYPERLOGLOG).keys(1, -1, 1).group("hyperloglog")
                .since("2.8.9").summary("Merges one or more HyperLogLog values into a single key.")
                .complexity("O(N) to merge N HyperLogLogs, but with high constant times.")
                .handler(HllCommands::pfmerge));
        t.add(spec("pfdebug", 3).flags(WRITE, DENYOOM, ADMIN).acl(HYPERLOGLOG).keys(2, 2, 1).group("hyperloglog")
                .since("2.8.9").summary("Internal commands for debugging HyperLogLog values.")
                .complexity("N/A").handler(HllCommands::pfdebug));
        t.add(spec("pfselftest", 1).flags(ADMIN).acl(HYPERLOGLOG).group("hyperloglog")
                .since("2.8.9").summary("An internal command for testing HyperLogLog values.")
                .complexity("N/A").handler(HllCommands::pfselftest));
    }

    /**
     * Format: {@code PFADD key [element ...]} → 1 if a register changed or the key was created, else 0. Creates a
     * sparse HLL; a corrupted sparse value fails with the elements before the failure added, as in Redis.
     */
    static void pfadd(CommandContext c) {
        byte[] key = c.arg(1);
        Object v = c.write(key);
        RawString hll;
        int updated = 0;
        if (v == null) {
            hll = RawString.owning(Hll.create());
            c.db().set(key, hll, c.now);
            updated++;
        } else {
            requireHll(v);
            hll = unshare(c, key, v);
        }
        long sparseMax = c.engine.config().hllSparseMaxBytes;
        for (int j = 2; j < c.argc(); j++) {
            int r = Hll.add(hll, c.arg(j), sparseMax);
            if (r < 0) throw new CommandException(CORRUPTED);
            updated += r;
        }
        if (updated > 0) {
            Hll.invalidateCache(hll.buffer());
            c.changed(KeyspaceEvents.STRING, "pfadd", key);
        }
        c.out.integer(updated > 0 ? 1 : 0);
    }

    /**
     * Format: {@code PFCOUNT key [key ...]} → the estimated cardinality of the union; missing keys count as empty.
     * One key: from the cached value, or computed and cached. Several: merged into a scratch register array, nothing
     * cached.
     */
    static void pfcount(CommandContext c) {
        if (c.argc() > 2) {
            byte[] max = new byte[Hll.REGISTERS];
            for (int j = 1; j < c.argc(); j++) {
                Object v = c.read(c.arg(j));
                if (v == null) continue;
                requireHll(v);
                if (!Hll.mergeInto(max, Strings.array(v), Strings.length(v))) throw new CommandException(CORRUPTED);
            }
            c.out.integer(Hll.countRegisters(max));
            return;
        }
        byte[] key = c.arg(1);
        Object v = c.read(key);
        if (v == null) {
            c.out.integer(0);
            return;
        }
        requireHll(v);
        RawString hll = unshare(c, key, v);
        byte[] b = hll.buffer();
        long card;
        if (Hll.cacheValid(b)) {
            card = Hll.cachedCardinality(b);
        } else {
            card = Hll.count(b, hll.length());
            if (card < 0) throw new CommandException(CORRUPTED);
            Hll.cacheCardinality(b, card);
            c.modified(key);
        }
        c.out.integer(card);
    }

    /**
     * Format: {@code PFMERGE destkey [sourcekey ...]} → OK; destkey (itself a source) gets the register-wise maximum
     * of all. It is created sparse if absent and made dense when any source is dense; otherwise it stays sparse
     * until a register or its size requires the dense encoding.
     */
    static void pfmerge(CommandContext c) {
        byte[] max = new byte[Hll.REGISTERS];
        boolean dense = false;
        for (int j = 1; j < c.argc(); j++) {
            Object v = c.read(c.arg(j));
            if (v == null) continue;
            requireHll(v);
            byte[] b = Strings.array(v);
            if (Hll.encoding(b) == Hll.DENSE) dense = true;
            if (!Hll.mergeInto(max, b, Strings.length(v))) throw new CommandException(CORRUPTED);
        }
        byte[] key = c.arg(1);
        Object v = c.write(key);
        RawString hll;
        if (v == null) {
            hll = RawString.owning(Hll.create());
            c.db().set(key, hll, c.now);
        } else {
            hll = unshare(c, key, v);
        }
        if (dense && !Hll.toDense(hll)) throw new CommandException(CORRUPTED);
        long sparseMax = c.engine.config().hllSparseMaxBytes;
        for (int i = 0; i < Hll.REGISTERS; i++) {
            if (max[i] != 0) Hll.set(hll, i, max[i], sparseMax);
        }
        Hll.invalidateCache(hll.buffer());
        // Redis 7.0 names this event "pfadd", not "pfmerge".
        c.changed(KeyspaceEvents.STRING, "pfadd", key);
        c.out.simple("OK");
    }

    /**
     * Format: {@code PFDEBUG GETREG|DECODE|ENCODING|TODENSE key} → the 16384 registers (converting a sparse HLL to
     * dense), the sparse opcodes as text, the encoding's name, or 1/0 whether TODENSE converted. The key must exist.
     */
    static void pfdebug(CommandContext c) {
        String sub = new String(c.arg(1), StandardCharsets.UTF_8);
        byte[] key = c.arg(2);
        Object v = c.write(key);
        if (v == null) throw new CommandException("ERR The specified key does not exist");
        requireHll(v);
        RawString hll = unshare(c, key, v);
        switch (sub.toLowerCase(Locale.ROOT)) {
            case "getreg" -> {
                if (!Hll.toDense(hll)) throw new CommandException(CORRUPTED);
                byte[] b = hll.buffer();
                c.out.array(Hll.REGISTERS);
                for (int i = 0; i < Hll.REGISTERS; i++) c.out.integer(Hll.denseGet(b, i));
            }
            case "decode" -> {
                if (Hll.encoding(hll.buffer()) != Hll.SPARSE) throw new CommandException("ERR HLL encoding is not sparse");
                c.out.bulk(Hll.decode(hll.buffer(), hll.length()));
            }
            case "encoding" -> c.out.simple(Hll.encoding(hll.buffer()) == Hll.DENSE ? "dense" : "sparse");
            case "todense" -> {
                boolean sparse = Hll.encoding(hll.buffer()) == Hll.SPARSE;
                if (!Hll.toDense(hll)) throw new CommandException(CORRUPTED);
                c.out.integer(sparse ? 1 : 0);
            }
            default -> throw new CommandException("ERR Unknown PFDEBUG subcommand '" + sub + "'");
        }
    }

    /** Format: {@code PFSELFTEST} → OK once {@link SelfTest} passed, else an error naming what failed. */
    static void pfselftest(CommandContext c) {
        String failure = SelfTest.run();
        if (failure != null) throw new CommandException("ERR TESTFAILED " + failure);
        c.out.simple("OK");
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /** WRONGTYPE for a non-string, Redis's "not a valid HyperLogLog" WRONGTYPE for a string that is not one. */
    private static void requireHll(Object v) {
        if (!Strings.isString(v)) throw Errors.wrongType();
        if (!Hll.isHll(Strings.array(v), Strings.length(v))) throw new CommandException(NOT_HLL);
    }

    /**
     * The HLL as a RawString to change in place, replacing the stored value if needed (TTL kept): Redis's
     * {@code dbUnshareStringValue}, after which OBJECT ENCODING reports {@code raw}.
     */
    private static RawString unshare(CommandContext c, byte[] key, Object v) {
        if (v instanceof RawString r && !r.isUnencoded()) return r;
        RawString r = RawString.owning(v instanceof byte[] b ? b.clone() : ((RawString) v).toBytes());
        c.db().replace(key, r, c.now);
        return r;
    }
}
