package io.ferrite.core.scripting;

import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.Glob;
import io.ferrite.core.rdb.FunctionPayload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine's function libraries (Redis 7 functions): libraries by name, and every library's functions by their
 * engine-wide unique name.
 *
 * <p>Thread-safe: every method is synchronized. Loading a library runs Lua code, so FUNCTION LOAD holds every shard
 * lock like any script command; the maps themselves are guarded by this object's monitor.
 */
public final class Functions {
    /** A loaded library: its name, its code as given, and its functions in registration order. */
    record Library(String name, byte[] code, Map<String, Function> functions) {}

    /** A library function. */
    record Function(String name, Library library, LuaSandbox.Registered registered) {
        boolean noWrites() {
            return registered.flags().contains("no-writes");
        }

        boolean allowOom() {
            return registered.flags().contains("allow-oom");
        }
    }

    private final Scripts scripts;
    private final LinkedHashMap<String, Library> libraries = new LinkedHashMap<>();
    private final HashMap<String, Function> functions = new HashMap<>();

    Functions(Scripts scripts) {
        this.scripts = scripts;
    }

    /**
     * FUNCTION LOAD: parses the library's {@code #!lua name=<lib>} first line, runs its code and installs its
     * functions, replacing a library of the same name only when {@code replace}; returns the library's name.
     * Errors are checked in Redis's order, and a failure changes nothing.
     */
    synchronized String load(byte[] code, boolean replace) {
        return create(code, replace, libraries, functions).name();
    }

    /**
     * Builds the library of {@code code} and installs it in {@code libs} and {@code funcs}: the engine's registry,
     * or a staging one for FUNCTION RESTORE, which Redis also fills through its library creation.
     */
    private Library create(byte[] code, boolean replace, Map<String, Library> libs, Map<String, Function> funcs) {
        String name = metadata(code);
        Library old = libs.get(name);
        if (old != null && !replace) throw new CommandException("ERR Library '" + name + "' already exists");
        byte[] source = new byte[code.length + 2];
        source[0] = '-';
        source[1] = '-';
        System.arraycopy(code, 0, source, 2, code.length);
        LinkedHashMap<String, LuaSandbox.Registered> registered = scripts.sandbox().loadLibrary(source);
        for (String fname : registered.keySet()) {
            Function existing = funcs.get(fname);
            if (existing != null && existing.library() != old) {
                throw new CommandException("ERR Function " + fname + " already exists");
            }
        }
        if (old != null) remove(old, libs, funcs);
        Library library = new Library(name, code.clone(), new LinkedHashMap<>());
        for (LuaSandbox.Registered r : registered.values()) {
            Function f = new Function(r.name(), library, r);
            library.functions().put(r.name(), f);
        }
        install(library, libs, funcs);
        return library;
    }

    private static void install(Library library, Map<String, Library> libs, Map<String, Function> funcs) {
        libs.put(library.name(), library);
        funcs.putAll(library.functions());
    }

    private static void remove(Library library, Map<String, Library> libs, Map<String, Function> funcs) {
        libs.remove(library.name());
        for (String fname : library.functions().keySet()) funcs.remove(fname);
    }

    /** How FUNCTION RESTORE treats the libraries already loaded. */
    enum RestorePolicy { FLUSH, APPEND, REPLACE }

    /** FUNCTION DUMP: every library's code, in load order. */
    synchronized byte[] dump() {
        List<byte[]> codes = new ArrayList<>();
        for (Library l : libraries.values()) codes.add(l.code());
        return FunctionPayload.write(codes);
    }

    /**
     * FUNCTION RESTORE: builds the payload's libraries apart, then swaps them in (FLUSH) or joins them to the
     * loaded ones, refusing a library name already loaded unless REPLACE and, in any case, a function name another
     * remaining library holds. All or nothing: any error leaves the loaded libraries as they were.
     */
    synchronized void restore(byte[] payload, RestorePolicy policy) {
        LinkedHashMap<String, Library> stagedLibraries = new LinkedHashMap<>();
        LinkedHashMap<String, Function> stagedFunctions = new LinkedHashMap<>();
        FunctionPayload.read(payload, code -> create(code, false, stagedLibraries, stagedFunctions));
        if (policy == RestorePolicy.FLUSH) {
            libraries.clear();
            functions.clear();
        } else {
            boolean replace = policy == RestorePolicy.REPLACE;
            for (String name : stagedLibraries.keySet()) {
                if (!replace && libraries.containsKey(name)) {
                    throw new CommandException("ERR Library " + name + " already exists");
                }
            }
            for (String fname : stagedFunctions.keySet()) {
                Function existing = functions.get(fname);
                if (existing != null && !stagedLibraries.containsKey(existing.library().name())) {
                    throw new CommandException("ERR Function " + fname + " already exists");
                }
            }
            for (String name : stagedLibraries.keySet()) {
                Library old = libraries.get(name);
                if (old != null) remove(old, libraries, functions);
            }
        }
        for (Library l : stagedLibraries.values()) install(l, libraries, functions);
    }

    /** The library name of a {@code #!<engine> name=<lib>} first line, with Redis 7.0's errors. */
    private static String metadata(byte[] code) {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            throw new CommandException("ERR Missing library metadata");
        }
        int end = 0;
        while (end < code.length && code[end] != '\n') end++;
        if (end == code.length) throw new CommandException("ERR Invalid library metadata");
        String line = new String(code, 2, end - 2, StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        for (String p : line.split("[ \t\r]+", -1)) if (!p.isEmpty()) parts.add(p);
        String engine = line.isEmpty() || Character.isWhitespace(line.charAt(0)) || parts.isEmpty() ? "" : parts.remove(0);
        String name = null;
        for (String p : parts) {
            if (!p.startsWith("name=")) throw new CommandException("ERR Invalid metadata value given: " + p);
            if (name != null) {
                throw new CommandException("ERR Invalid metadata value, name argument was given multiple times");
            }
            name = p.substring(5);
        }
        if (name == null) throw new CommandException("ERR Library name was not given");
        if (!engine.equalsIgnoreCase("lua")) throw new CommandException("ERR Engine '" + engine + "' not found");
        if (!LuaSandbox.validName(name)) {
            throw new CommandException("ERR Library names can only contain letters, numbers, or underscores(_) "
                    + "and must be at least one character long");
        }
        return name;
    }

    /** FUNCTION DELETE; false if there is no such library. */
    synchronized boolean delete(String name) {
        Library library = libraries.get(name);
        if (library == null) return false;
        remove(library, libraries, functions);
        return true;
    }

    /** FUNCTION FLUSH. */
    synchronized void flush() {
        libraries.clear();
        functions.clear();
    }

    synchronized Function function(String name) {
        return functions.get(name);
    }

    /** The libraries whose name matches {@code pattern} (all when null), in load order. */
    synchronized List<Library> list(String pattern) {
        List<Library> out = new ArrayList<>();
        for (Library l : libraries.values()) if (pattern == null || Glob.matches(pattern, l.name())) out.add(l);
        return out;
    }

    /** Every library's code, in load order: what an RDB file saves of functions. */
    public synchronized List<byte[]> codes() {
        List<byte[]> out = new ArrayList<>(libraries.size());
        for (Library l : libraries.values()) out.add(l.code().clone());
        return out;
    }

    /** Loads a library saved in an RDB file, replacing one of the same name; throws CommandException if invalid. */
    public void restore(byte[] code) {
        load(code, true);
    }

    /** Loaded libraries (FUNCTION STATS, INFO's number_of_libraries). */
    public synchronized int libraryCount() {
        return libraries.size();
    }

    /** Loaded functions (FUNCTION STATS, INFO's number_of_functions). */
    public synchronized int functionCount() {
        return functions.size();
    }
}
