package io.ferrite.core.acl;

import io.ferrite.core.command.Args;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;

import java.nio.charset.StandardCharsets;

/**
 * Whether a user may run a command line: the command (or subcommand), every key its key specs name, and the
 * channels of the publishing and subscribing commands (PSUBSCRIBE's patterns compared literally). Keys of a write
 * command need read and write access, those of other commands read access, as the RW / RO key specs COMMAND INFO
 * shows.
 */
public final class AclCheck {
    private AclCheck() {}

    /** A refusal: Redis's ACL LOG reason ({@code command}, {@code key}, {@code channel}) and the object refused. */
    public record Denial(String reason, String object) {
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

    /** Null if {@code p} allows the command line ({@code spec} resolved to the subcommand), else why not. */
    public static Denial check(Permissions p, CommandSpec spec, Args args) {
        if (p.unrestricted) return null;
        // AUTH, HELLO, RESET, QUIT: what an unauthenticated client may run, every user may.
        if (spec.has(CommandFlag.NO_AUTH)) return null;
        if (!p.canRun(spec)) return new Denial("command", spec.fullName());
        if (!p.allKeys && (spec.firstKey() > 0 || spec.keyFinder() != null)) {
            int[] idx = new int[args.count()];
            int n = spec.keyIndices(args, idx);
            boolean write = spec.has(CommandFlag.WRITE);
            for (int i = 0; i < n; i++) {
                byte[] key = args.bytes(idx[i]);
                if (!p.canAccessKey(key, true, write)) return new Denial("key", text(key));
            }
        }
        if (!p.allChannels) return channels(p, spec, args);
        return null;
    }

    private static Denial channels(Permissions p, CommandSpec spec, Args args) {
        int from;
        int to;
        boolean literal = false;
        switch (spec.fullName()) {
            case "publish", "spublish" -> {
                from = 1;
                to = 2;
            }
            case "subscribe", "ssubscribe" -> {
                from = 1;
                to = args.count();
            }
            case "psubscribe" -> {
                from = 1;
                to = args.count();
                literal = true;
            }
            default -> {
                return null;
            }
        }
        for (int i = from; i < to && i < args.count(); i++) {
            if (!p.canAccessChannel(args.bytes(i), literal)) return new Denial("channel", text(args.bytes(i)));
        }
        return null;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
