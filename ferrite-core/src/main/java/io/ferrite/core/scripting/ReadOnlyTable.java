package io.ferrite.core.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** A table scripts cannot change, as Redis 7 protects its library tables. */
final class ReadOnlyTable extends LuaTable {
    private boolean sealed;

    /** A sealed copy of {@code source}'s entries and metatable. */
    static ReadOnlyTable copyOf(LuaTable source) {
        ReadOnlyTable t = new ReadOnlyTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = source.next(k);
            k = next.arg1();
            if (k.isnil()) break;
            t.rawset(k, next.arg(2));
        }
        if (source.getmetatable() != null) t.setmetatable(source.getmetatable());
        t.sealed = true;
        return t;
    }

    static LuaError readOnly() {
        return new LuaError("Attempt to modify a readonly table");
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (sealed) throw readOnly();
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (sealed) throw readOnly();
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        if (sealed) throw readOnly();
        return super.setmetatable(metatable);
    }
}
