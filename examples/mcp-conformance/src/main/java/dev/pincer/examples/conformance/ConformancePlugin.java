package dev.pincer.examples.conformance;

import dev.pincer.api.Plugin;
import dev.pincer.api.PluginContext;

/**
 * Provides the fixture that the official MCP conformance suite ({@code @modelcontextprotocol/conformance})
 * expects of a server under test: its {@code test_*} tools, the {@code test://} resources and
 * resource template, and its prompts, built only on Pincer's public plugin API.
 *
 * <p>Served through {@code pincer gateway}, it lets the suite check Pincer's MCP endpoint end to
 * end: every call passes through the host's invocation path like any other plugin's.
 *
 * <p>Thread-safe: it holds no state; Pincer activates it once.
 *
 * @since 0.1.0
 */
public final class ConformancePlugin implements Plugin {

    @Override
    public void activate(PluginContext context) {
        FixtureTools.register(context);
        FixtureResources.register(context);
        FixturePrompts.register(context);
    }
}
