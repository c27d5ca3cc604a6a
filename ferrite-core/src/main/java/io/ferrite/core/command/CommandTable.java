package io.ferrite.core.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Command specs by name, looked up from the raw name bytes case-insensitively without allocating (the dispatcher
 * does it once per command). Filled at startup, read-only afterwards, so safe to share between threads.
 */
public final class CommandTable {
    private CommandSpec[] slots = new CommandSpec[64];
    private final List<CommandSpec> all = new ArrayList<>();

    public void add(CommandSpec spec) {
        if (spec.handler() == null && !spec.isContainer()) {
            throw new IllegalArgumentException("no handler for " + spec.name());
        }
        if (lookup(spec.name()) != null) throw new IllegalArgumentException("duplicate command " + spec.name());
        all.add(spec);
        if (all.size() * 2 > slots.length) rehash(slots.length * 2);
        insert(slots, spec);
    }

    private void rehash(int capacity) {
        CommandSpec[] next = new CommandSpec[capacity];
        for (CommandSpec s : all) if (s != null) insert(next, s);
        slots = next;
    }

    private static void insert(CommandSpec[] table, CommandSpec spec) {
        byte[] name = spec.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int mask = table.length - 1;
        int i = hash(name) & mask;
        while (table[i] != null) i = (i + 1) & mask;
        table[i] = spec;
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            int c = b;
            if (c >= 'A' && c <= 'Z') c += 32;
            h = h * 31 + c;
        }
        return h ^ (h >>> 16);
    }

    public CommandSpec lookup(byte[] name) {
        CommandSpec[] table = slots;
        int mask = table.length - 1;
        int i = hash(name) & mask;
        CommandSpec s;
        while ((s = table[i]) != null) {
            if (Args.equalsIgnoreCase(name, s.upperName())) return s;
            i = (i + 1) & mask;
        }
        return null;
    }

    public CommandSpec lookup(String name) {
        return lookup(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableList(all);
    }

    public int size() {
        return all.size();
    }
}
