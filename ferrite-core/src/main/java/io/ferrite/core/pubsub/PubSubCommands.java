package io.ferrite.core.pubsub;

import io.ferrite.core.Session;
import io.ferrite.core.command.CommandContext;
import io.ferrite.core.command.CommandException;
import io.ferrite.core.command.CommandFlag;
import io.ferrite.core.command.CommandSpec;
import io.ferrite.core.command.CommandTable;

import java.util.List;

import static io.ferrite.core.command.AclCategory.PUBSUB;
import static io.ferrite.core.command.CommandFlag.FAST;
import static io.ferrite.core.command.CommandFlag.LOADING;
import static io.ferrite.core.command.CommandFlag.NOSCRIPT;
import static io.ferrite.core.command.CommandFlag.STALE;
import static io.ferrite.core.command.CommandSpec.spec;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB.
 *
 * <p>Confirmations are push frames, one per channel, each with the session's subscription count after it:
 * channels plus patterns for the non-shard family, shard channels for the shard family (as Redis counts).
 * {@link io.ferrite.core.Session#call} returns a command's first reply only: embedded code that needs each
 * confirmation subscribes one channel per call.
 */
public final class PubSubCommands {
    private PubSubCommands() {}

    private static final List<String> HELP = List.of(
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.");

    public static void register(CommandTable t) {
        t.add(spec("subscribe", -2).flags(CommandFlag.PUBSUB, NOSCRIPT, LOADING, STALE)
                .acl().group("pubsub").since("2.0.0")
                .summary("Listens for messages published to channels.").handler(PubSubCommands::subscribe));
        t.add(spec("unsubscribe", -1).flags(CommandFlag.PUBSUB, NOSCRIPT, LOADING, STALE)
                .acl().group("pubsub").since("2.0.0")
                .summary("Stops listening to messages posted to channels.").handler(PubSubCommands::unsubscribe));
        t.add(spec("psubscribe", -2).flags(CommandFlag.PUBSUB, NOSCRIPT, LOADING, STALE)
                .acl().group("pubsub").since("2.0.0")
                .summary("Listens for messages published to channels that match one or more patterns.")
                .handler(PubSubCommands::psubscribe));
        t.add(spec("punsubscribe", -1).flags(CommandFlag.PUBSUB, NOSCRIPT, LOADING, STALE)
                .acl().group("pubsub").since("2.0.0")
                .summary("Stops listening to messages published to channels that match one or more patterns.")
                .handler(PubSubCommands::punsubscribe));
        t.add(spec("ssubscribe", -2).flags(CommandFlag.PUBSUB, NOSCRIPT, LOADING, STALE)
                .acl().keys(1, -1, 1).group("pubsub").since("7.0.0")
                .summary("Listens for messages published to shard channels.").handler(PubSubCommands::ssubscribe));
        t.add(spec("sunsubscribe", -1).flags(CommandFlag.PUBSUB, NOSCRIPT, LOADING, STALE)
                .acl().keys(1, -1, 1).group("pubsub").since("7.0.0")
                .summary("Stops listening to messages posted to shard channels.")
                .handler(PubSubCommands::sunsubscribe));
        t.add(spec("publish", 3).flags(CommandFlag.PUBSUB, LOADING, STALE, FAST)
                .acl().group("pubsub").since("2.0.0")
                .summary("Posts a message to a channel.")
                .handler(c -> c.out.integer(c.engine.pubsub().publish(c.arg(1), c.arg(2)))));
        t.add(spec("spublish", 3).flags(CommandFlag.PUBSUB, LOADING, STALE, FAST)
                .acl().keys(1, 1, 1).group("pubsub").since("7.0.0")
                .summary("Post a message to a shard channel")
                .handler(c -> c.out.integer(c.engine.pubsub().publishShard(c.arg(1), c.arg(2)))));
        t.add(spec("pubsub", -2).acl().group("pubsub").since("2.8.0").summary("A container for Pub/Sub commands")
                .subcommand(sub("channels", -2, "2.8.0", "List active channels")
                        .handler(c -> channels(c, false)))
                .subcommand(sub("shardchannels", -2, "7.0.0", "List active shard channels")
                        .handler(c -> channels(c, true)))
                .subcommand(sub("numsub", -2, "2.8.0", "Get the count of subscribers for channels")
                        .handler(c -> numsub(c, false)))
                .subcommand(sub("shardnumsub", -2, "7.0.0", "Get the count of subscribers for shard channels")
                        .handler(c -> numsub(c, true)))
                .subcommand(sub("numpat", 2, "2.8.0", "Get the count of unique patterns pattern subscriptions")
                        .handler(c -> c.out.integer(c.engine.pubsub().patternCount())))
                .subcommand(spec("help", 2).flags(LOADING, STALE).acl().group("pubsub").since("6.2.0")
                        .summary("Show helpful text about the different subcommands").handler(c -> {
                            c.out.array(HELP.size());
                            for (String line : HELP) c.out.simple(line);
                        })));
    }

    private static CommandSpec sub(String name, int arity, String since, String summary) {
        return spec(name, arity).flags(CommandFlag.PUBSUB, LOADING, STALE).acl()
                .group("pubsub").since(since).summary(summary);
    }

    private static void subscribe(CommandContext c) {
        Session s = c.session;
        PubSub ps = c.engine.pubsub();
        for (int i = 1; i < c.argc(); i++) {
            ps.subscribe(s, c.arg(i));
            confirm(c, "subscribe", c.arg(i), s.subscriptions().count());
        }
    }

    private static void psubscribe(CommandContext c) {
        Session s = c.session;
        PubSub ps = c.engine.pubsub();
        for (int i = 1; i < c.argc(); i++) {
            ps.psubscribe(s, c.arg(i));
            confirm(c, "psubscribe", c.arg(i), s.subscriptions().count());
        }
    }

    private static void ssubscribe(CommandContext c) {
        Session s = c.session;
        PubSub ps = c.engine.pubsub();
        for (int i = 1; i < c.argc(); i++) {
            ps.ssubscribe(s, c.arg(i));
            confirm(c, "ssubscribe", c.arg(i), s.subscriptions().shardChannels());
        }
    }

    private static void unsubscribe(CommandContext c) {
        Session s = c.session;
        PubSub ps = c.engine.pubsub();
        List<byte[]> targets = targets(c, s.subscriptions().channels);
        if (targets.isEmpty()) confirm(c, "unsubscribe", null, s.subscriptions().count());
        for (byte[] ch : targets) {
            ps.unsubscribe(s, ch);
            confirm(c, "unsubscribe", ch, s.subscriptions().count());
        }
    }

    private static void punsubscribe(CommandContext c) {
        Session s = c.session;
        PubSub ps = c.engine.pubsub();
        List<byte[]> targets = targets(c, s.subscriptions().patterns);
        if (targets.isEmpty()) confirm(c, "punsubscribe", null, s.subscriptions().count());
        for (byte[] p : targets) {
            ps.punsubscribe(s, p);
            confirm(c, "punsubscribe", p, s.subscriptions().count());
        }
    }

    private static void sunsubscribe(CommandContext c) {
        Session s = c.session;
        PubSub ps = c.engine.pubsub();
        List<byte[]> targets = targets(c, s.subscriptions().shardChannels);
        if (targets.isEmpty()) confirm(c, "sunsubscribe", null, s.subscriptions().shardChannels());
        for (byte[] ch : targets) {
            ps.sunsubscribe(s, ch);
            confirm(c, "sunsubscribe", ch, s.subscriptions().shardChannels());
        }
    }

    /** The named channels, or with no names every current one (a copy: the set changes as they go). */
    private static List<byte[]> targets(CommandContext c, java.util.Set<Channel> current) {
        if (c.argc() > 1) {
            List<byte[]> named = new java.util.ArrayList<>(c.argc() - 1);
            for (int i = 1; i < c.argc(); i++) named.add(c.arg(i));
            return named;
        }
        return current.stream().map(ch -> ch.name).toList();
    }

    private static void confirm(CommandContext c, String kind, byte[] channel, int count) {
        c.out.push(3);
        c.out.bulk(kind);
        if (channel == null) c.out.nil();
        else c.out.bulk(channel);
        c.out.integer(count);
    }

    private static void channels(CommandContext c, boolean shard) {
        if (c.argc() > 3) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                    + c.args.string(1) + "'. Try PUBSUB HELP.");
        }
        List<byte[]> names = c.engine.pubsub().activeChannels(c.argc() == 3 ? c.arg(2) : null, shard);
        c.out.array(names.size());
        for (byte[] n : names) c.out.bulk(n);
    }

    private static void numsub(CommandContext c, boolean shard) {
        PubSub ps = c.engine.pubsub();
        int n = c.argc() - 2;
        c.out.array(2 * n);
        for (int i = 2; i < c.argc(); i++) {
            c.out.bulk(c.arg(i));
            c.out.integer(ps.subscriberCount(c.arg(i), shard));
        }
    }
}
