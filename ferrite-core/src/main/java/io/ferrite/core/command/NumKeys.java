package io.ferrite.core.command;

/**
 * Key finders for commands that announce their key count in an argument ({@code SINTERCARD numkeys key ...},
 * {@code ZUNIONSTORE dst numkeys key ...}, {@code ZMPOP numkeys key ...}). A count that is not a positive integer
 * or runs past the arguments yields -1, so the dispatcher locks every shard and the handler reports the error.
 */
public final class NumKeys {
    private NumKeys() {}

    /** Keys: the fixed positions {@code fixed}, then {@code numkeys} keys right after the count at {@code index}. */
    public static KeyFinder at(int index, int... fixed) {
        return (args, out) -> {
            if (index >= args.count()) return -1;
            byte[] b = args.bytes(index);
            if (!Numbers.isLong(b)) return -1;
            long n = Numbers.parseLongUnchecked(b, 0, b.length);
            if (n < 1 || n > args.count() - index - 1) return -1;
            int k = 0;
            for (int f : fixed) out[k++] = f;
            for (int i = 0; i < n; i++) out[k++] = index + 1 + i;
            return k;
        };
    }
}
