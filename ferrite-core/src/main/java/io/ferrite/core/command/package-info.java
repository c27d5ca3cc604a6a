/**
 * Commands as data: {@link io.ferrite.core.command.CommandSpec} (arity, flags, key positions, ACL categories,
 * docs) in a {@link io.ferrite.core.command.CommandTable}, and the {@link io.ferrite.core.command.Dispatcher}, the one
 * path from a command line to its handler (lookup, arity, authentication, shard locking, statistics). Also the
 * argument parsing every handler shares ({@link io.ferrite.core.command.Args}, {@link io.ferrite.core.command.Numbers},
 * {@link io.ferrite.core.command.Glob}) and Redis's error texts ({@link io.ferrite.core.command.Errors}).
 */
package io.ferrite.core.command;
