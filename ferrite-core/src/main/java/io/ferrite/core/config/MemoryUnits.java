package io.ferrite.core.config;

/**
 * Redis's memory amounts ({@code memtoull}): decimal digits followed by an optional case-insensitive unit,
 * {@code b}, {@code k} (1000), {@code kb} (1024), {@code m}, {@code mb}, {@code g}, {@code gb}. Shared by the
 * builder's {@code maxMemory("256mb")} and by CONFIG SET of memory parameters, so both accept the same text.
 */
public final class MemoryUnits {
    private MemoryUnits() {}

    /** Redis's wording, which CONFIG SET appends to its failure message. */
    public static final String INVALID = "argument must be a memory value";

    /**
     * The number of bytes {@code text} denotes. As in Redis, missing digits count as 0 ({@code ""}, {@code "mb"})
     * and a number too large for the type saturates (here at {@link Long#MAX_VALUE}, i.e. no practical limit).
     *
     * @throws IllegalArgumentException with {@link #INVALID} for a sign, a fraction, blanks or an unknown unit
     */
    public static long parse(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') digits++;
        long unit = unit(text.substring(digits));
        if (unit < 0) throw new IllegalArgumentException(INVALID);
        long value = 0;
        for (int i = 0; i < digits; i++) {
            int d = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) return Long.MAX_VALUE;
            value = value * 10 + d;
        }
        return value > Long.MAX_VALUE / unit ? Long.MAX_VALUE : value * unit;
    }

    private static long unit(String suffix) {
        return switch (suffix.toLowerCase(java.util.Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000L;
            case "kb" -> 1024L;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> -1;
        };
    }
}
