package io.ferrite.core.diff;

import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A family of random command generators and the commands they use. A family takes part in a random run only when
 * Ferrite's command table has every one of its commands, so a family switches itself on as its commands land.
 * Subcommands are named {@code container|sub}, as in {@code object|encoding}.
 */
public record Family(String name, List<String> commands, List<Weighted> generators) {

    /**
     * A generator, its relative frequency within the whole run, and the key prefix of its family (null: any
     * family's keys).
     */
    public record Weighted(int weight, String keyPrefix, Function<Gen, Step> generator) {

        public Step next(Gen g) {
            g.prefix(keyPrefix);
            return generator.apply(g);
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The commands of this family missing from {@code table}; empty when the family can run. */
    public List<String> missingFrom(CommandTable table) {
        List<String> missing = new ArrayList<>();
        for (String c : commands) if (!has(table, c)) missing.add(c);
        return missing;
    }

    private static boolean has(CommandTable table, String command) {
        String[] parts = command.toLowerCase(Locale.ROOT).split("\\|", 2);
        CommandSpec spec = table.lookup(parts[0]);
        if (spec == null || parts.length == 1) return spec != null;
        return spec.isContainer() && spec.subcommands().lookup(parts[1]) != null;
    }

    public static final class Builder {
        private final String name;
        private final List<String> commands = new ArrayList<>();
        private final List<Weighted> generators = new ArrayList<>();
        private String keyPrefix;

        private Builder(String name) {
            this.name = name;
        }

        /** The commands the generators use: all must exist in Ferrite for the family to run. */
        public Builder commands(String... names) {
            commands.addAll(List.of(names));
            return this;
        }

        /** A generator of the default weight, 10. */
        /** The prefix of the family's own keys (one of {@link Gen#PREFIXES}); without one, any family's keys. */
        public Builder keys(String prefix) {
            this.keyPrefix = prefix;
            return this;
        }

        public Builder gen(Function<Gen, Step> generator) {
            return gen(10, generator);
        }

        public Builder gen(int weight, Function<Gen, Step> generator) {
            generators.add(new Weighted(weight, keyPrefix, generator));
            return this;
        }

        public Family build() {
            return new Family(name, List.copyOf(commands), List.copyOf(generators));
        }
    }
}
