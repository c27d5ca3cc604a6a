package io.ferrite.core.acl;

import io.ferrite.core.command.AclCategory;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every command and subcommand of an engine's table with a dense id ({@link CommandSpec#aclId()}), and the ids of
 * each ACL category: the universe a user's command rules are sets over. Built once, read-only afterwards.
 */
final class CommandCatalog {
    private final List<CommandSpec> specs = new ArrayList<>();
    private final Map<String, BitSet> byName = new HashMap<>();
    private final Map<AclCategory, BitSet> byCategory = new EnumMap<>(AclCategory.class);
    private final Map<AclCategory, List<CommandSpec>> listed = new EnumMap<>(AclCategory.class);

    CommandCatalog(CommandTable table) {
        for (AclCategory c : AclCategory.values()) {
            byCategory.put(c, new BitSet());
            listed.put(c, new ArrayList<>());
        }
        for (CommandSpec spec : table.all()) {
            BitSet self = add(spec);
            if (spec.isContainer()) {
                for (CommandSpec sub : spec.subcommands().all()) self.or(add(sub));
            }
        }
    }

    private BitSet add(CommandSpec spec) {
        int id = specs.size();
        spec.aclId(id);
        specs.add(spec);
        BitSet self = new BitSet();
        self.set(id);
        byName.put(spec.fullName(), self);
        for (AclCategory c : spec.aclCategories()) {
            byCategory.get(c).set(id);
            listed.get(c).add(spec);
        }
        return self;
    }

    int size() {
        return specs.size();
    }

    /** The ids a {@code +name} rule grants: the command, and a container's subcommands; null if unknown. */
    BitSet command(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** The ids of a category named without its {@code @}; null if Redis has no such category. */
    BitSet category(String name) {
        AclCategory c = categoryNamed(name);
        return c == null ? null : byCategory.get(c);
    }

    /** The commands and subcommands of a category, as ACL CAT lists them. */
    List<CommandSpec> commands(AclCategory category) {
        return listed.get(category);
    }

    static AclCategory categoryNamed(String name) {
        for (AclCategory c : AclCategory.values()) {
            if (c.wireName().substring(1).equalsIgnoreCase(name)) return c;
        }
        return null;
    }
}
