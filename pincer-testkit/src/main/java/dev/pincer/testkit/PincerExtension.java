package dev.pincer.testkit;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies {@link PluginHarness} parameters for classes annotated {@link PincerPlugin}: one
 * harness per test, closed by JUnit when the test ends.
 *
 * <p>Stateless; JUnit's store keeps each test's harness.
 *
 * @since 0.1.0
 */
public final class PincerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PincerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PluginHarness.class;
    }

    @Override
    public PluginHarness resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PincerPlugin plugin = context.getRequiredTestClass().getAnnotation(PincerPlugin.class);
        if (plugin == null) {
            throw new ParameterResolutionException(
                    "annotate " + context.getRequiredTestClass().getName()
                            + " with @PincerPlugin(\"<plugin folder>\") to get a PluginHarness");
        }
        Path[] folders = Stream.of(plugin.value()).map(Path::of).toArray(Path[]::new);
        return context.getStore(NAMESPACE)
                .computeIfAbsent("harness", key -> PluginHarness.start(plugin.config(), folders), PluginHarness.class);
    }
}
