package io.ferrite.core.diff;

import io.ferrite.core.Ferrite;
import io.ferrite.core.Reply;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every command spec on its own (unique names, key positions within the arity, never both WRITE and
 * READONLY) and against the real redis-server's {@code COMMAND INFO}: arity, flags as a set and first/last/step
 * key positions, for commands and subcommands alike. Reports every difference at once; commands this Redis does
 * not know (newer than it) are skipped with a note.
 */
class CommandTableConformanceTest {
    /** Flags Redis keeps internally but never lists in COMMAND INFO. */
    private static final Set<CommandFlag> UNREPORTED =
            EnumSet.of(CommandFlag.SENTINEL, CommandFlag.ONLY_SENTINEL, CommandFlag.PROTECTED);

    /** Arities of Redis 7.2 (the target) that older oracles report differently: ZRANK/ZREVRANK gained WITHSCORE. */
    private static final Map<String, Long> ARITY_7_2 = Map.of("zrank", -3L, "zrevrank", -3L);

    private static Ferrite ferrite;

    @BeforeAll
    static void start() {
        ferrite = Ferrite.newBuilder().activeExpiry(false).build();
    }

    @AfterAll
    static void stop() {
        ferrite.close();
    }

    private static List<CommandSpec> allSpecs() {
        List<CommandSpec> specs = new ArrayList<>();
        for (CommandSpec s : ferrite.commandTable().all()) {
            specs.add(s);
            if (s.isContainer()) specs.addAll(s.subcommands().all());
        }
        return specs;
    }

    @Test
    void everySpecIsConsistent() {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (CommandSpec s : allSpecs()) {
            String name = s.fullName();
            if (!names.add(name)) problems.add(name + ": declared twice");
            if (!name.equals(name.toLowerCase(Locale.ROOT))) problems.add(name + ": name not lower case");
            if (s.has(CommandFlag.WRITE) && s.has(CommandFlag.READONLY)) problems.add(name + ": both write and readonly");
            if (s.arity() == 0) problems.add(name + ": arity 0");
            if (s.parent() != null && Math.abs(s.arity()) < 2) problems.add(name + ": subcommand arity below 2");
            if (!s.isContainer() && s.handler() == null) problems.add(name + ": no handler");
            if (s.isContainer() && s.subcommands().size() == 0) problems.add(name + ": container without subcommands");
            problems.addAll(keyProblems(s));
        }
        if (!problems.isEmpty()) Assertions.fail("inconsistent command specs:\n    " + String.join("\n    ", problems));
    }

    private static List<String> keyProblems(CommandSpec s) {
        List<String> problems = new ArrayList<>();
        String where = s.fullName() + ": keys " + s.firstKey() + "," + s.lastKey() + "," + s.keyStep();
        int minArgs = Math.abs(s.arity());
        if (s.firstKey() == 0) {
            if (s.lastKey() != 0 || s.keyStep() != 0) problems.add(where + ": no first key but a last key or step");
            return problems;
        }
        if (s.firstKey() < 0) problems.add(where + ": negative first key");
        if (s.keyStep() < 1) problems.add(where + ": step below 1");
        // SUNSUBSCRIBE (arity -1, keys 1..-1): a variadic key range may be empty.
        boolean optionalKeys = s.arity() < 0 && s.lastKey() == -1;
        if (s.keyFinder() == null && s.firstKey() >= minArgs && !optionalKeys) {
            problems.add(where + ": first key beyond the arity " + s.arity());
        }
        if (s.lastKey() > 0) {
            if (s.lastKey() < s.firstKey()) problems.add(where + ": last key before the first");
            if (s.arity() > 0 && s.lastKey() >= s.arity()) problems.add(where + ": last key beyond the arity");
        }
        return problems;
    }

    @Test
    void specsMatchRedisCommandInfo() throws IOException {
        RedisServerProcess redis = RedisServerProcess.shared();
        List<String> differences = new ArrayList<>();
        List<String> unknownToRedis = new ArrayList<>();
        int compared = 0;
        try (RespTestClient client = redis.connect()) {
            for (CommandSpec spec : ferrite.commandTable().all()) {
                Reply info = client.call("COMMAND", "INFO", spec.name()).elements().get(0);
                if (!(info instanceof Reply.Aggregate)) {
                    unknownToRedis.add(spec.name());
                    continue;
                }
                compared++;
                compare(spec, info, differences);
                if (!spec.isContainer()) continue;
                List<Reply> redisSubs = info.elements().get(9).elements();
                for (CommandSpec sub : spec.subcommands().all()) {
                    Reply match = redisSubs.stream()
                            .filter(r -> sub.fullName().equalsIgnoreCase(r.elements().get(0).text()))
                            .findFirst().orElse(null);
                    if (match == null) {
                        unknownToRedis.add(sub.fullName());
                    } else {
                        compared++;
                        compare(sub, match, differences);
                    }
                }
            }
        }
        if (!unknownToRedis.isEmpty()) {
            System.out.println("CommandTableConformanceTest: redis-server " + redis.version()
                    + " does not know, not compared: " + String.join(" ", unknownToRedis));
        }
        System.out.println("CommandTableConformanceTest: " + compared + " commands compared with COMMAND INFO");
        if (!differences.isEmpty()) {
            Assertions.fail(differences.size() + " differences from redis-server " + redis.version()
                    + "'s COMMAND INFO:\n    " + String.join("\n    ", differences));
        }
    }

    /** Records how {@code spec} differs from a COMMAND INFO entry (RESP2: name, arity, flags, first, last, step ...). */
    private static void compare(CommandSpec spec, Reply info, List<String> differences) {
        List<Reply> e = info.elements();
        String name = spec.fullName();
        long arity = e.get(1).asLong();
        if (arity != spec.arity() && ARITY_7_2.getOrDefault(name, arity) != spec.arity()) differences.add(name + ": arity " + spec.arity() + ", Redis " + arity);
        Set<String> redisFlags = new TreeSet<>();
        for (Reply f : e.get(2).elements()) redisFlags.add(f.text());
        Set<String> ferriteFlags = new TreeSet<>();
        for (CommandFlag f : spec.flagSet()) if (!UNREPORTED.contains(f)) ferriteFlags.add(f.wireName());
        if (!redisFlags.equals(ferriteFlags)) {
            differences.add(name + ": flags " + ferriteFlags + ", Redis " + redisFlags);
        }
        String keys = spec.firstKey() + "," + spec.lastKey() + "," + spec.keyStep();
        String redisKeys = e.get(3).asLong() + "," + e.get(4).asLong() + "," + e.get(5).asLong();
        if (!keys.equals(redisKeys)) differences.add(name + ": keys " + keys + ", Redis " + redisKeys);
    }

    /** The table reaches the subcommands by their own name, as the dispatcher does. */
    @Test
    void containersResolveTheirSubcommands() {
        CommandTable table = ferrite.commandTable();
        List<String> problems = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            if (table.lookup(s.name().toUpperCase(Locale.ROOT)) != s) problems.add(s.name() + ": lookup by upper case");
            if (!s.isContainer()) continue;
            for (CommandSpec sub : s.subcommands().all()) {
                if (sub.parent() != s) problems.add(sub.fullName() + ": parent is " + sub.parent());
                if (s.subcommands().lookup(sub.name().toUpperCase(Locale.ROOT)) != sub) {
                    problems.add(sub.fullName() + ": lookup by upper case");
                }
            }
        }
        Assertions.assertEquals(List.of(), problems);
    }
}
