package io.ferrite.core.type.string;

import io.ferrite.core.command.AclCategory;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The string specs against what redis-server's COMMAND INFO reports for them. */
class StringSpecsTest {
    private static final CommandTable TABLE = new CommandTable();

    static {
        StringCommands.register(TABLE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "append      |  3 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "decr        |  2 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "decrby      |  3 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "get         |  2 | readonly fast      | 1 |  1 | 1 | @read @string @fast",
            "getdel      |  2 | write fast         | 1 |  1 | 1 | @write @string @fast",
            "getex       | -2 | write fast         | 1 |  1 | 1 | @write @string @fast",
            "getrange    |  4 | readonly           | 1 |  1 | 1 | @read @string @slow",
            "getset      |  3 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "incr        |  2 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "incrby      |  3 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "incrbyfloat |  3 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "lcs         | -3 | readonly           | 1 |  2 | 1 | @read @string @slow",
            "mget        | -2 | readonly fast      | 1 | -1 | 1 | @read @string @fast",
            "mset        | -3 | write denyoom      | 1 | -1 | 2 | @write @string @slow",
            "msetnx      | -3 | write denyoom      | 1 | -1 | 2 | @write @string @slow",
            "psetex      |  4 | write denyoom      | 1 |  1 | 1 | @write @string @slow",
            "set         | -3 | write denyoom      | 1 |  1 | 1 | @write @string @slow",
            "setex       |  4 | write denyoom      | 1 |  1 | 1 | @write @string @slow",
            "setnx       |  3 | write denyoom fast | 1 |  1 | 1 | @write @string @fast",
            "setrange    |  4 | write denyoom      | 1 |  1 | 1 | @write @string @slow",
            "strlen      |  2 | readonly fast      | 1 |  1 | 1 | @read @string @fast",
            "substr      |  4 | readonly           | 1 |  1 | 1 | @read @string @slow",
    })
    void matchesCommandInfo(String name, int arity, String flags, int first, int last, int step, String acl) {
        CommandSpec spec = TABLE.lookup(name);
        assertNotNull(spec, name);
        assertEquals(arity, spec.arity());
        assertEquals(words(flags), spec.flagSet().stream().map(CommandFlag::wireName).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(first, spec.firstKey());
        assertEquals(last, spec.lastKey());
        assertEquals(step, spec.keyStep());
        assertEquals(words(acl), spec.aclCategories().stream().map(AclCategory::wireName).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals("string", spec.group());
    }

    private static Set<String> words(String s) {
        return new TreeSet<>(Set.of(s.trim().split(" +")));
    }
}
