package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.command.CommandTable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seeded random command sequences over a small key space, run against Ferrite and redis-server in RESP2 and RESP3.
 * The families whose commands Ferrite's table has all take part (see {@link Families}). On a mismatch the failing
 * run is shrunk by delta debugging to a short sequence that still differs, printed as a corpus file.
 *
 * <p>System properties: {@code ferrite.seed} replays a seed (always printed), {@code ferrite.randomCommands}
 * sets the total number of commands (200,000 by default), {@code ferrite.families} (comma-separated names) runs
 * exactly those families even when Ferrite lacks some of their commands, to try a family while it is being built.
 */
class RandomDifferentialTest {
    private static final int RUN_LENGTH = 2_000;
    private static final int BATCH = 1_000;
    private static final int MAX_REPORTED_FAILURES = 3;
    private static final int MAX_SHRINK_REPLAYS = 4_000;
    private static final long SHRINK_BUDGET_NANOS = 60_000_000_000L;

    @Test
    void ferriteRepliesLikeRedisToRandomCommands() {
        RedisServerProcess redis = RedisServerProcess.shared();
        long seed = Long.getLong("ferrite.seed", new SecureRandom().nextLong());
        int total = Integer.getInteger("ferrite.randomCommands", 200_000);
        List<Family.Weighted> generators = enabledGenerators();
        System.out.println("RandomDifferentialTest: seed " + seed + " (replay with -Dferrite.seed=" + seed + "), "
                + total + " commands against redis-server " + redis.version());

        List<String> failures = new ArrayList<>();
        int runs = Math.max(1, total / RUN_LENGTH);
        long start = System.nanoTime();
        for (int run = 0; run < runs && failures.size() < MAX_REPORTED_FAILURES; run++) {
            int protocol = 2 + run % 2;
            long runSeed = Gen.mix(seed, run);
            List<Step> steps = generate(generators, runSeed, RUN_LENGTH);
            List<Mismatch> found;
            try (DualTarget target = DualTarget.open(redis, protocol)) {
                found = target.run(steps, BATCH, true);
            }
            if (!found.isEmpty()) failures.add(explain(redis, seed, run, protocol, steps, found.get(0)));
        }
        System.out.printf("RandomDifferentialTest: %d runs in %.1f s%n", runs, (System.nanoTime() - start) / 1e9);
        if (!failures.isEmpty()) {
            Assertions.fail("Ferrite differs from redis-server " + redis.version() + " (seed " + seed + "):\n\n"
                    + String.join("\n\n", failures));
        }
    }

    /** Every generator must use only the commands its family declares, or families would switch on too early. */
    @Test
    void generatorsUseOnlyTheirFamilysCommands() {
        List<String> violations = new ArrayList<>();
        for (Family f : Families.all()) {
            List<String> declared = f.commands().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
            Gen g = new Gen(f.name().hashCode());
            for (Family.Weighted w : f.generators()) {
                for (int i = 0; i < 300; i++) {
                    Step s = w.next(g);
                    String name = new String(s.argv()[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                    if (!declared.contains(name)) violations.add(f.name() + ": " + s.commandLine());
                }
            }
        }
        Assertions.assertEquals(List.of(), violations.stream().distinct().toList());
    }

    private static List<Family.Weighted> enabledGenerators() {
        List<Family.Weighted> enabled = new ArrayList<>();
        String forced = System.getProperty("ferrite.families", "").strip();
        List<String> chosen = forced.isEmpty() ? null : List.of(forced.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        try (Ferrite ferrite = Ferrite.newBuilder().build()) {
            CommandTable table = ferrite.commandTable();
            for (Family f : Families.all()) {
                List<String> missing = f.missingFrom(table);
                if (chosen != null) {
                    if (chosen.contains(f.name())) {
                        enabled.addAll(f.generators());
                        System.out.println("RandomDifferentialTest: family " + f.name() + " chosen by ferrite.families"
                                + (missing.isEmpty() ? "" : ", although Ferrite lacks " + String.join(" ", missing)));
                    }
                } else if (missing.isEmpty()) {
                    enabled.addAll(f.generators());
                    System.out.println("RandomDifferentialTest: family " + f.name() + " enabled");
                } else {
                    System.out.println("RandomDifferentialTest: family " + f.name() + " disabled, Ferrite lacks "
                            + String.join(" ", missing));
                }
            }
        }
        Assertions.assertFalse(enabled.isEmpty(), chosen == null ? "no command family is fully implemented"
                : "ferrite.families names no family of " + Families.all().stream().map(Family::name).toList());
        return enabled;
    }

    static List<Step> generate(List<Family.Weighted> generators, long seed, int count) {
        int totalWeight = generators.stream().mapToInt(Family.Weighted::weight).sum();
        Gen g = new Gen(seed);
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ticket = g.nextInt(totalWeight);
            Family.Weighted chosen = null;
            for (Family.Weighted w : generators) {
                ticket -= w.weight();
                if (ticket < 0) {
                    chosen = w;
                    break;
                }
            }
            Step s = chosen.next(g);
            steps.add(new Step(i + 1, s.argv(), s.comparison()));
        }
        return steps;
    }

    /** Shrinks the failing prefix of a run and describes the result. */
    private static String explain(RedisServerProcess redis, long seed, int run, int protocol, List<Step> steps,
                                  Mismatch first) {
        List<Step> prefix = steps.subList(0, first.step().line());
        int[] replays = {0};
        List<Step> shrunk = shrink(redis, protocol, prefix, replays);
        List<Mismatch> again = replay(redis, protocol, shrunk);
        String where = "seed " + seed + " run " + run + " command";
        StringBuilder sb = new StringBuilder()
                .append("Mismatch in run ").append(run).append(":\n").append(first.report(where)).append('\n')
                .append("Shrunk from ").append(prefix.size()).append(" to ").append(shrunk.size())
                .append(" commands in ").append(replays[0]).append(" replays; as a corpus file (RESP")
                .append(protocol).append("):\n");
        for (Step s : shrunk) sb.append("    ").append(s.corpusLine()).append('\n');
        if (again.isEmpty()) {
            sb.append("(the shrunk sequence no longer reproduces: the mismatch depends on timing)");
        } else {
            sb.append("which gives:\n").append(again.get(0).report("shrunk command"));
        }
        return sb.toString();
    }

    /** The shortest sublist of {@code failing} found that still mismatches, each candidate replayed afresh. */
    static List<Step> shrink(RedisServerProcess redis, int protocol, List<Step> failing, int[] replays) {
        long deadline = System.nanoTime() + SHRINK_BUDGET_NANOS;
        return Shrinker.shrink(failing, candidate -> {
            if (System.nanoTime() > deadline) return false;
            replays[0]++;
            return !replay(redis, protocol, candidate).isEmpty();
        }, MAX_SHRINK_REPLAYS);
    }

    /** A planted mismatch that needs two commands out of hundreds shrinks to exactly those two. */
    @Test
    void shrinkingKeepsOnlyTheCommandsAMismatchNeeds() {
        RedisServerProcess redis = RedisServerProcess.shared();
        List<Step> steps = new ArrayList<>(generate(Families.core().generators(), 7, 400).stream()
                .filter(s -> !new String(s.argv()[0], StandardCharsets.UTF_8).equalsIgnoreCase("SELECT")).toList());
        Gen g = new Gen(0);
        Reply planted = new Reply.Bulk("planted".getBytes(StandardCharsets.UTF_8));
        steps.add(100, g.exact("SET", "planted-key", "planted"));
        steps.add(g.step(Comparison.of("rejects planted", (r, f) -> !f.equals(planted)), "GET", "planted-key"));
        List<Step> shrunk = shrink(redis, 3, steps, new int[1]);
        Assertions.assertEquals(List.of("SET planted-key planted", "GET planted-key"),
                shrunk.stream().map(Step::commandLine).toList());
    }

    private static List<Mismatch> replay(RedisServerProcess redis, int protocol, List<Step> steps) {
        try (DualTarget target = DualTarget.open(redis, protocol)) {
            return target.run(steps, BATCH, true);
        }
    }
}
