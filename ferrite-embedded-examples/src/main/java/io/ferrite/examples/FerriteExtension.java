package io.ferrite.examples;

import io.ferrite.core.Ferrite;
import io.ferrite.core.FerriteCommands;
import io.ferrite.core.Session;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Gives each test a fresh, empty Ferrite engine, closed after the test: an in-memory Redis with no server to start
 * and nothing shared between tests. Declare a parameter of type {@link Ferrite}, {@link Session} or
 * {@code FerriteCommands<String, String>}; all parameters of one test share its engine.
 *
 * <pre>{@code
 * @ExtendWith(FerriteExtension.class)
 * class RateLimiterTest {
 *     @Test
 *     void countsRequests(FerriteCommands<String, String> redis) {
 *         assertEquals(1L, redis.incr("requests"));
 *     }
 * }
 * }</pre>
 */
public final class FerriteExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FerriteExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Ferrite.class || type == Session.class || type == FerriteCommands.class && isStringCommands(parameter);
    }

    private static boolean isStringCommands(ParameterContext parameter) {
        Type generic = parameter.getParameter().getParameterizedType();
        if (!(generic instanceof ParameterizedType p)) return true;
        for (Type arg : p.getActualTypeArguments()) if (arg != String.class) return false;
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Ferrite ferrite = engine(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Ferrite.class) return ferrite;
        if (type == Session.class) return ferrite.newSession();
        return ferrite.connect();
    }

    /** The engine of the current test, created on first use; a test method has a store of its own. */
    private static Ferrite engine(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Ferrite.class, k -> Ferrite.newBuilder().build(), Ferrite.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Ferrite ferrite = context.getStore(NAMESPACE).remove(Ferrite.class, Ferrite.class);
        if (ferrite != null) ferrite.close();
    }
}
