/**
 * Lua scripting as Redis 7 has it: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT, and functions (FUNCTION,
 * FCALL, FCALL_RO), on LuaJ.
 *
 * <p>{@link io.ferrite.core.scripting.Scripts} owns the engine's script cache (compiled once, keyed by the
 * lower-case SHA1 of the body) and one sandboxed Lua state: the base, table, string and math libraries plus
 * {@code bit}, {@code cjson}, {@code cmsgpack} and {@code struct}, read-only globals and library tables, and the
 * {@code redis} API. Commands a script calls go through the {@link io.ferrite.core.command.Dispatcher} like any
 * other, on the calling session, so they behave exactly as outside a script, except that they all see the script's
 * start time, as in Redis; replies cross between Lua and Redis with the conversions Redis documents
 * ({@code LuaReplies}).
 *
 * <p>{@link io.ferrite.core.scripting.Functions} holds the function libraries. A library's code is compiled in the
 * same Lua state but runs in an environment of its own: at load time it sees only {@code redis.register_function},
 * {@code redis.log} and the {@code redis} constants; its functions, when called, see the scripts' globals without
 * KEYS and ARGV, and get their keys and arguments as parameters. FUNCTION DUMP and RESTORE carry the libraries'
 * code in Redis's payload ({@link io.ferrite.core.rdb.FunctionPayload}); a restore builds its libraries apart and
 * installs them only when all of them load.
 *
 * <p>Threading: script commands lock every shard, so at most one script runs at a time and the Lua state is
 * confined to the thread running it for the duration of the run. The cache is concurrent: SCRIPT LOAD, EXISTS and
 * FLUSH lock nothing.
 */
package io.ferrite.core.scripting;
