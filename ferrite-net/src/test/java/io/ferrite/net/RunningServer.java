package io.ferrite.net;

import io.ferrite.core.Ferrite;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Ferrite engine served on an ephemeral port for the tests of one class:
 * {@code @RegisterExtension static final RunningServer running = new RunningServer();}.
 */
final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    Ferrite engine;
    FerriteServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        engine = Ferrite.newBuilder().build();
        server = FerriteServer.newBuilder(engine).port(0).loops(2).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        engine.close();
    }
}
