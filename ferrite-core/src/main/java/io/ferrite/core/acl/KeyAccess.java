package io.ferrite.core.acl;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * The access each key of a command needs, from the flags of Redis's key specs: a key the command reads
 * ({@code ACCESS}) needs read permission, one it inserts into, deletes or updates needs write permission, and one
 * it only inspects (EXISTS, TYPE, OBJECT ENCODING ...) needs neither, just a matching pattern.
 *
 * <p>Commands not listed need what their flags say: read and write for a write command, read otherwise. A listed
 * command gives one access per key position, the last one holding for the remaining keys.
 */
final class KeyAccess {
    private KeyAccess() {}

    static final int READ = 1;
    static final int WRITE = 2;

    private static final int[] READ_ONLY = {READ};
    private static final int[] READ_WRITE = {READ | WRITE};

    /** Command, then the access of each key position: R, W, RW or - (neither). */
    private static final String TABLE = """
            append W
            bitop W R
            blmove RW W
            brpoplpush RW W
            copy R W
            del W
            eval RW
            evalsha RW
            exists -
            expire W
            expireat W
            fcall RW
            geoadd W
            georadius R W
            georadiusbymember R W
            geosearchstore W R
            hdel W
            hexists -
            hlen -
            hmset W
            hset W
            hsetnx W
            hstrlen -
            linsert W
            llen -
            lmove RW W
            lpush W
            lpushx W
            lrem W
            lset W
            ltrim W
            memory|usage -
            mset W
            msetnx W
            object|encoding -
            object|freq -
            object|idletime -
            object|refcount -
            persist W
            pexpire W
            pexpireat W
            pfadd W
            pfdebug R
            pfmerge RW R
            psetex W
            rename RW W
            renamenx RW W
            restore W
            restore-asking W
            rpoplpush RW W
            rpush W
            rpushx W
            sadd W
            scard -
            sdiffstore W R
            setex W
            setnx W
            setrange W
            sinterstore W R
            sismember -
            smove RW W
            sort R W
            sort_ro R
            spublish -
            srem W
            ssubscribe -
            strlen -
            sunionstore W R
            sunsubscribe -
            touch -
            type -
            unlink W
            watch -
            xack W
            xadd W
            xautoclaim W
            xclaim W
            xdel W
            xgroup|create W
            xgroup|createconsumer W
            xgroup|delconsumer W
            xgroup|destroy W
            xgroup|setid W
            xlen -
            xreadgroup R
            xsetid W
            xtrim W
            zadd W
            zcard -
            zdiffstore W R
            zinterstore W R
            zrangestore W R
            zrem W
            zremrangebylex W
            zremrangebyrank W
            zremrangebyscore W
            zunionstore W R
            """;

    private static final Map<String, int[]> BY_COMMAND = new HashMap<>();

    static {
        for (String line : TABLE.strip().split("\n")) {
            String[] words = line.strip().split(" ");
            int[] access = new int[words.length - 1];
            for (int i = 1; i < words.length; i++) {
                String w = words[i];
                access[i - 1] = (w.contains("R") ? READ : 0) | (w.contains("W") ? WRITE : 0);
            }
            BY_COMMAND.put(words[0], access);
        }
    }

    /** The access the {@code position}-th key (0-based, in argument order) of this command line needs. */
    static int of(CommandSpec spec, Args args, int position) {
        String name = spec.fullName();
        // Key specs with variable flags: SET reads its key only with GET, BITFIELD writes only with SET/INCRBY.
        if (name.equals("set")) return has(args, 3, "GET") ? READ | WRITE : WRITE;
        if (name.equals("bitfield")) return writesBits(args) ? READ | WRITE : READ;
        int[] access = BY_COMMAND.get(name);
        if (access == null) access = spec.has(CommandFlag.WRITE) ? READ_WRITE : READ_ONLY;
        return access[Math.min(position, access.length - 1)];
    }

    private static boolean has(Args args, int from, String option) {
        for (int i = from; i < args.count(); i++) if (args.is(i, option)) return true;
        return false;
    }

    private static boolean writesBits(Args args) {
        return has(args, 2, "SET") || has(args, 2, "INCRBY");
    }
}
