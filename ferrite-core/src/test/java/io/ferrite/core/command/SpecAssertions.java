package io.ferrite.core.command;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Checks a command spec against one row of what redis-server's COMMAND INFO reports for it. */
public final class SpecAssertions {
    private SpecAssertions() {}

    /** {@code flags} and {@code acl} are space-separated wire names, in any order. */
    public static void assertSpec(CommandSpec spec, String name, int arity, String flags, int first, int last, int step,
                                  String acl, String group) {
        assertNotNull(spec, name);
        assertEquals(arity, spec.arity());
        assertEquals(words(flags), spec.flagSet().stream().map(CommandFlag::wireName).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(first, spec.firstKey());
        assertEquals(last, spec.lastKey());
        assertEquals(step, spec.keyStep());
        assertEquals(words(acl), spec.aclCategories().stream().map(AclCategory::wireName).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(group, spec.group());
    }

    private static Set<String> words(String s) {
        return new TreeSet<>(Set.of(s.trim().split(" +")));
    }
}
