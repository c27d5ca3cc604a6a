package io.ferrite.net;

import io.ferrite.core.Ferrite;
import io.ferrite.core.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code bin/ferrite-server [/path/to/redis.conf] [--port 6380] [--bind 127.0.0.1] [--maxclients N] ...}: starts a
 * server the way redis-server does, with redis-server's directive names. Stops gracefully on SIGTERM/SIGINT.
 */
public final class ServerMain {
    private ServerMain() {}

    /** The engine the options describe: databases, directives, engine settings and the file they came from. */
    static Ferrite engine(ServerOptions options) {
        Ferrite.Builder engineBuilder = Ferrite.newBuilder().databases(options.databases).configure(options::applyTo);
        options.engineSettings.forEach(engineBuilder::config);
        if (options.configFile != null) engineBuilder.configFile(options.configFile);
        return engineBuilder.build();
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "dd MMM yyyy HH:mm:ss.SSS");
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            System.out.println("Ferrite server v=" + Ferrite.VERSION);
            return;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: ferrite-server [/path/to/redis.conf] [--port 6380] [--bind 127.0.0.1] "
                    + "[--maxclients N] [--requirepass pw] [--timeout s] [--databases n] [--maxmemory 100mb] ...");
            return;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (ServerOptions.ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Logger log = LoggerFactory.getLogger(ServerMain.class);
        Ferrite engine = engine(options);
        // As redis-server: the save rules act, Redis's defaults included unless a save directive says otherwise.
        engine.snapshots().armRules();
        try {
            engine.snapshots().loadAtStart();
        } catch (IOException | RuntimeException e) {
            log.error("Fatal error loading the DB ({}): {}. Exiting.", engine.snapshots().file(), e.getMessage());
            engine.close();
            System.exit(1);
            return;
        }
        Config config = engine.config();
        FerriteServer server;
        try {
            FerriteServer.Builder builder = FerriteServer.newBuilder(engine).bind(config.bind).port(config.port);
            if (options.loops > 0) builder.loops(options.loops);
            builder.busyPoll(options.busyPoll());
            server = builder.build().start();
        } catch (IOException e) {
            log.error("{}", e.getMessage());
            engine.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM/SIGINT while serving: save as redis-server does when save rules are set (a SHUTDOWN command
            // has already decided, and closed the server).
            if (!server.isClosed() && engine.snapshots().rulesActive()) {
                log.warn("Received SIGTERM scheduling shutdown...");
                try {
                    engine.snapshots().saveLockingAll();
                } catch (IOException | RuntimeException e) {
                    log.warn("Error trying to save the DB: {}", e.getMessage());
                }
            }
            server.close();
            engine.close();
            // A graceful stop on SIGTERM/SIGINT is a clean exit, as redis-server's is: status 0, not the JVM's 143.
            Runtime.getRuntime().halt(0);
        }, "ferrite-shutdown"));
        log.info("Ferrite {} ready to accept connections on {}:{} (pid {})", Ferrite.VERSION, server.bind(),
                server.port(), ProcessHandle.current().pid());
        if (options.jitWarmup) Warmup.start(options.busyPoll());
        while (!server.awaitTermination(Duration.ofDays(1))) {
            // Serving until closed: SHUTDOWN, SIGTERM or SIGINT.
        }
        engine.close();
        log.info("Ferrite is now ready to exit, bye bye...");
    }
}
