package io.ferrite.core.acl;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;

/**
 * Whether a user may run a command line: the command (or subcommand), every key its key specs name, and the
 * channels of the publishing and subscribing commands (PSUBSCRIBE's patterns compared literally); see
 * {@link Selector#check}.
 */
public final class AclCheck {
    private AclCheck() {}

    /**
     * A refusal: Redis's ACL LOG reason ({@code command}, {@code key}, {@code channel}), the object refused and the
     * argument position it was found at.
     */
    public record Denial(String reason, String object, int position) {
        int rank() {
            return switch (reason) {
                case "command" -> 1;
                case "key" -> 2;
                default -> 4;
            };
        }

        /** The error a client gets: {@code NOPERM this user has no permissions to ...}. */
        public String error() {
            return switch (reason) {
                case "command" -> "NOPERM this user has no permissions to run the '" + object + "' command";
                case "key" -> "NOPERM this user has no permissions to access one of the keys used as arguments";
                default -> "NOPERM this user has no permissions to access one of the channels used as arguments";
            };
        }

        /** The error of a queued command that the rules no longer allow when EXEC runs it. */
        public String execError() {
            String why = switch (reason) {
                case "command" -> "no permission to execute the command or subcommand";
                case "key" -> "no permission to touch the specified keys";
                default -> "no permission for the used channels";
            };
            return "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                    + "This command is no longer allowed for the following reason: " + why;
        }

        /** The error redis.call raises (Redis words the script's refusals differently). */
        public String scriptError() {
            return switch (reason) {
                case "command" -> "The user executing the script can't run this command or subcommand";
                case "key" -> "The user executing the script can't access at least one of the keys mentioned in the "
                        + "command arguments";
                default -> "The user executing the script can't publish to the channel mentioned in the command";
            };
        }

        /** ACL DRYRUN's answer. */
        String dryRun() {
            return switch (reason) {
                case "command" -> "This user has no permissions to run the '" + object + "' command";
                case "key" -> "This user has no permissions to access the '" + object + "' key";
                default -> "This user has no permissions to access the '" + object + "' channel";
            };
        }
    }

    /**
     * Null if {@code p} allows the command line ({@code spec} resolved to the subcommand), else why not. The root
     * permissions or any one selector must allow all of it; a refusal reports the most relevant reason, as Redis
     * picks it: channel over key over command, and a later argument over an earlier one.
     */
    public static Denial check(Permissions p, CommandSpec spec, Args args) {
        if (p.unrestricted) return null;
        // AUTH, HELLO, RESET, QUIT: what an unauthenticated client may run, every user may.
        if (spec.has(CommandFlag.NO_AUTH)) return null;
        Denial relevant = p.root.check(spec, args);
        if (relevant == null) return null;
        for (Selector s : p.selectors) {
            Denial d = s.check(spec, args);
            if (d == null) return null;
            if (d.rank() > relevant.rank() || (d.rank() == relevant.rank() && d.position() > relevant.position())) {
                relevant = d;
            }
        }
        return relevant;
    }
}
