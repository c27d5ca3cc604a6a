package io.ferrite.core.keys;

import io.ferrite.core.command.AclCategory;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ferrite.core.command.SpecAssertions.assertSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic key specs against what redis-server's COMMAND INFO reports for them. */
class KeySpecsTest {
    private static final CommandTable TABLE = new CommandTable();

    static {
        KeyCommands.register(TABLE);
    }

    private static CommandSpec lookup(String name) {
        String[] parts = name.split(" ");
        CommandSpec spec = TABLE.lookup(parts[0]);
        if (parts.length == 2 && spec != null) spec = spec.subcommands().lookup(parts[1].getBytes(StandardCharsets.US_ASCII));
        return spec;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "copy            | -3 | write denyoom     | 1 |  2 | 1 | @keyspace @write @slow",
            "del             | -2 | write             | 1 | -1 | 1 | @keyspace @write @slow",
            "exists          | -2 | readonly fast     | 1 | -1 | 1 | @keyspace @read @fast",
            "expire          | -3 | write fast        | 1 |  1 | 1 | @keyspace @write @fast",
            "pexpire         | -3 | write fast        | 1 |  1 | 1 | @keyspace @write @fast",
            "expireat        | -3 | write fast        | 1 |  1 | 1 | @keyspace @write @fast",
            "pexpireat       | -3 | write fast        | 1 |  1 | 1 | @keyspace @write @fast",
            "expiretime      |  2 | readonly fast     | 1 |  1 | 1 | @keyspace @read @fast",
            "keys            |  2 | readonly          | 0 |  0 | 0 | @keyspace @read @slow @dangerous",
            "move            |  3 | write fast        | 1 |  1 | 1 | @keyspace @write @fast",
            "persist         |  2 | write fast        | 1 |  1 | 1 | @keyspace @write @fast",
            "pexpiretime     |  2 | readonly fast     | 1 |  1 | 1 | @keyspace @read @fast",
            "pttl            |  2 | readonly fast     | 1 |  1 | 1 | @keyspace @read @fast",
            "randomkey       |  1 | readonly          | 0 |  0 | 0 | @keyspace @read @slow",
            "rename          |  3 | write             | 1 |  2 | 1 | @keyspace @write @slow",
            "renamenx        |  3 | write fast        | 1 |  2 | 1 | @keyspace @write @fast",
            "scan            | -2 | readonly          | 0 |  0 | 0 | @keyspace @read @slow",
            "touch           | -2 | readonly fast     | 1 | -1 | 1 | @keyspace @read @fast",
            "ttl             |  2 | readonly fast     | 1 |  1 | 1 | @keyspace @read @fast",
            "type            |  2 | readonly fast     | 1 |  1 | 1 | @keyspace @read @fast",
            "unlink          | -2 | write fast        | 1 | -1 | 1 | @keyspace @write @fast",
            "object encoding |  3 | readonly          | 2 |  2 | 1 | @keyspace @read @slow",
            "object freq     |  3 | readonly          | 2 |  2 | 1 | @keyspace @read @slow",
            "object idletime |  3 | readonly          | 2 |  2 | 1 | @keyspace @read @slow",
            "object refcount |  3 | readonly          | 2 |  2 | 1 | @keyspace @read @slow",
            "object help     |  2 | loading stale     | 0 |  0 | 0 | @keyspace @slow",
    })
    void matchesCommandInfo(String name, int arity, String flags, int first, int last, int step, String acl) {
        assertSpec(lookup(name), name, arity, flags, first, last, step, acl, "generic");
    }

    @Test
    void keyspaceWideCommandsLockEveryShard() {
        for (String name : new String[] {"keys", "scan", "randomkey"}) assertTrue(lookup(name).isLocksAll(), name);
    }

    @Test
    void objectIsAContainerOfArityMinusTwo() {
        CommandSpec object = TABLE.lookup("object");
        assertEquals(-2, object.arity());
        assertTrue(object.isContainer());
        assertEquals(Set.of("@slow"), object.aclCategories().stream().map(AclCategory::wireName).collect(Collectors.toSet()));
    }
}
