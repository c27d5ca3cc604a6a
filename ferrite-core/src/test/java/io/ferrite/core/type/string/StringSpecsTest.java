package io.ferrite.core.type.string;

import io.ferrite.core.command.CommandTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.ferrite.core.command.SpecAssertions.assertSpec;

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
        assertSpec(TABLE.lookup(name), name, arity, flags, first, last, step, acl, "string");
    }
}
