package io.ferrite.core.tracking;

import io.ferrite.core.Session;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.Errors;
import io.ferrite.core.command.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO (their specs are declared with CLIENT's other subcommands). */
public final class TrackingCommands {
    private TrackingCommands() {}

    /** CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP], checked as Redis does. */
    public static void tracking(CommandContext c) {
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        boolean noloop = false;
        List<byte[]> prefixes = new ArrayList<>();
        for (int i = 3; i < c.argc(); i++) {
            boolean more = i < c.argc() - 1;
            if (c.args.is(i, "REDIRECT") && more) {
                i++;
                if (redirect != 0) throw new CommandException("ERR A client can only redirect to a single other client");
                redirect = Numbers.parseLong(c.arg(i));
                if (c.engine.session(redirect) == null) {
                    throw new CommandException("ERR The client ID you want redirect to does not exist");
                }
            } else if (c.args.is(i, "BCAST")) {
                bcast = true;
            } else if (c.args.is(i, "OPTIN")) {
                optin = true;
            } else if (c.args.is(i, "OPTOUT")) {
                optout = true;
            } else if (c.args.is(i, "NOLOOP")) {
                noloop = true;
            } else if (c.args.is(i, "PREFIX") && more) {
                prefixes.add(c.arg(++i));
            } else {
                throw Errors.syntax();
            }
        }
        Session s = c.session;
        Tracking tracking = c.engine.tracking();
        if (c.args.is(2, "ON")) {
            ClientTracking t = s.tracking();
            if (!bcast && !prefixes.isEmpty()) {
                throw new CommandException("ERR PREFIX option requires BCAST mode to be enabled");
            }
            if (t.on && t.bcast != bcast) {
                throw new CommandException("ERR You can't switch BCAST mode on/off before disabling tracking for "
                        + "this client, and then re-enabling it with a different mode.");
            }
            if (bcast && (optin || optout)) {
                throw new CommandException("ERR OPTIN and OPTOUT are not compatible with BCAST");
            }
            if (optin && optout) throw new CommandException("ERR You can't specify both OPTIN mode and OPTOUT mode");
            if ((optin && t.optout) || (optout && t.optin)) {
                throw new CommandException("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for "
                        + "this client, and then re-enabling it with a different mode.");
            }
            if (bcast) checkPrefixes(t, prefixes);
            tracking.enable(s, t, redirect, bcast, optin, optout, noloop, prefixes);
        } else if (c.args.is(2, "OFF")) {
            tracking.disable(s);
        } else {
            throw Errors.syntax();
        }
        c.out.simple("OK");
    }

    /** No two prefixes of one client may be such that one starts the other (Redis's checkPrefixCollisionsOrReply). */
    private static void checkPrefixes(ClientTracking t, List<byte[]> prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            byte[] p = prefixes.get(i);
            for (byte[] existing : t.prefixes) {
                if (Tracking.overlap(existing, p)) throw overlap(p, "an existing prefix", existing);
            }
            for (int j = i + 1; j < prefixes.size(); j++) {
                if (Tracking.overlap(p, prefixes.get(j))) throw overlap(p, "another provided prefix", prefixes.get(j));
            }
        }
    }

    private static CommandException overlap(byte[] prefix, String what, byte[] other) {
        return new CommandException("ERR Prefix '" + text(prefix) + "' overlaps with " + what + " '" + text(other)
                + "'. Prefixes for a single client must not overlap.");
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** CLIENT CACHING YES|NO: whether the next command's reads are tracked, in OPTIN or OPTOUT mode. */
    public static void caching(CommandContext c) {
        ClientTracking t = c.session.trackingIfAny();
        if (t == null || !t.on) {
            throw new CommandException("ERR CLIENT CACHING can be called only when the client is in tracking mode "
                    + "with OPTIN or OPTOUT mode enabled");
        }
        if (c.args.is(2, "YES")) {
            if (!t.optin) {
                throw new CommandException("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (c.args.is(2, "NO")) {
            if (!t.optout) {
                throw new CommandException("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw Errors.syntax();
        }
        t.caching = true;
        c.out.simple("OK");
    }

    /** CLIENT GETREDIR: the redirect target, 0 for none, -1 when tracking is off. */
    public static void getredir(CommandContext c) {
        ClientTracking t = c.session.trackingIfAny();
        c.out.integer(t == null ? -1 : t.redirectOrMinusOne());
    }

    /** CLIENT TRACKINGINFO: a map of flags (a set), redirect and prefixes, as Redis prints it. */
    public static void trackinginfo(CommandContext c) {
        ClientTracking t = c.session.trackingIfAny();
        List<String> flags = new ArrayList<>();
        boolean on = t != null && t.on;
        flags.add(on ? "on" : "off");
        if (t != null) {
            if (t.bcast) flags.add("bcast");
            if (t.optin) {
                flags.add("optin");
                if (t.caching) flags.add("caching-yes");
            }
            if (t.optout) {
                flags.add("optout");
                if (t.caching) flags.add("caching-no");
            }
            if (t.noloop) flags.add("noloop");
            if (t.brokenRedirect) flags.add("broken_redirect");
        }
        List<byte[]> prefixes = t == null ? List.of() : t.prefixList();
        c.out.map(3);
        c.out.bulk("flags");
        c.out.set(flags.size());
        for (String f : flags) c.out.bulk(f);
        c.out.bulk("redirect");
        c.out.integer(on ? t.redirect : -1);
        c.out.bulk("prefixes");
        c.out.array(prefixes.size());
        for (byte[] p : prefixes) c.out.bulk(p);
    }
}
