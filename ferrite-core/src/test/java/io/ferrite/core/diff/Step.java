package io.ferrite.core.diff;

/**
 * One command of a differential run: its arguments, how its replies are compared, and where it comes from
 * ({@code line}: the corpus line number, or the index in a generated sequence).
 */
public record Step(int line, byte[][] argv, Comparison comparison) {

    public String commandLine() {
        return CliWords.line(argv);
    }

    /** The step as a corpus line, with its {@code ~ }, {@code ~lines } or {@code !sort } prefix when it has one. */
    public String corpusLine() {
        String prefix = comparison == Comparison.KIND ? "~ " : comparison == Comparison.SORTED ? "!sort "
                : comparison == Comparison.MASKED_LINES ? "~lines " : "";
        return prefix + commandLine();
    }
}
