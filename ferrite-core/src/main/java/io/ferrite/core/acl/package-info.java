/**
 * Access control lists as Redis 7 has them: {@link io.ferrite.core.acl.Acl} holds the users, each a
 * {@link io.ferrite.core.acl.User} whose {@link io.ferrite.core.acl.Permissions} (passwords, allowed commands, key
 * and channel patterns) are an immutable snapshot replaced whole by ACL SETUSER, so the dispatcher reads them
 * without locking. {@link io.ferrite.core.acl.AclCommands} is the ACL command; {@link io.ferrite.core.acl.AclLog}
 * the ACL LOG entries.
 *
 * <p>Commands are identified by {@link io.ferrite.core.command.CommandSpec#aclId()}, a dense index over every
 * command and subcommand of the engine's table, so a user's allowed commands are one bit set.
 */
package io.ferrite.core.acl;
