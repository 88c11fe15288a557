package dev.pincer.testkit;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies {@link PluginHarness}, {@link FakeHttp} and {@link TestClock} parameters for classes
 * annotated {@link PincerPlugin}: one of each per test, the harness running on that fake network
 * and clock, closed by JUnit when the test ends.
 *
 * <p>Stateless; JUnit's store keeps each test's harness and fakes.
 *
 * @since 0.1.0
 */
public final class PincerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PincerExtension.class);

    private static final Set<Class<?>> SUPPLIED = Set.of(PluginHarness.class, FakeHttp.class, TestClock.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SUPPLIED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        FakeHttp http = store.computeIfAbsent("http", key -> new FakeHttp(), FakeHttp.class);
        TestClock clock = store.computeIfAbsent("clock", key -> new TestClock(), TestClock.class);
        if (type == FakeHttp.class) {
            return http;
        }
        if (type == TestClock.class) {
            return clock;
        }
        PincerPlugin plugin = context.getRequiredTestClass().getAnnotation(PincerPlugin.class);
        if (plugin == null) {
            throw new ParameterResolutionException(
                    "annotate " + context.getRequiredTestClass().getName()
                            + " with @PincerPlugin(\"<plugin folder>\") to get a PluginHarness");
        }
        return store.computeIfAbsent("harness", key -> start(plugin, http, clock), PluginHarness.class);
    }

    private static PluginHarness start(PincerPlugin plugin, FakeHttp http, TestClock clock) {
        HarnessBuilder builder = PluginHarness.builder()
                .plugins(Stream.of(plugin.value()).map(Path::of).toArray(Path[]::new))
                .config(plugin.config())
                .http(http)
                .clock(clock);
        for (String pair : plugin.env()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterResolutionException(
                        "@PincerPlugin env entry '" + pair + "' is not NAME=value; write e.g. \"API_KEY=test\"");
            }
            builder.env(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (!plugin.approve() && plugin.approveOnly().length > 0) {
            throw new ParameterResolutionException("@PincerPlugin has both approve = false and approveOnly = "
                    + String.join(", ", plugin.approveOnly())
                    + "; approve = false approves nothing, so drop one of them");
        }
        if (!plugin.approve()) {
            builder.approveNothing();
        } else if (plugin.approveOnly().length > 0) {
            builder.approveOnly(plugin.approveOnly());
        }
        return builder.start();
    }
}
