package dev.pincer.examples.conformance;

import dev.pincer.api.PluginContext;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.Content;
import java.time.Instant;
import java.util.List;

/**
 * Registers the conformance suite's resources: a static text and a static binary resource, a
 * template that substitutes its {@code {id}}, and a resource clients subscribe to.
 *
 * <p>Thread-safe: the handlers keep no state.
 */
final class FixtureResources {

    private FixtureResources() {}

    static void register(PluginContext context) {
        context.registerResource(
                new ResourceSpec(
                        "test://static-text", "Static text", "A text resource that never changes.", "text/plain"),
                (uri, variables) -> List.of(new Content.Resource(
                        uri, "text/plain", "This is the content of the static text resource.", null)));
        context.registerResource(
                new ResourceSpec(
                        "test://static-binary", "Static binary", "A 1x1 red PNG served as a blob.", "image/png"),
                (uri, variables) -> List.of(new Content.Resource(uri, "image/png", null, Media.RED_PIXEL_PNG)));
        context.registerResource(
                new ResourceSpec(
                        "test://template/{id}/data",
                        "Templated data",
                        "JSON data for the id in the URI.",
                        "application/json"),
                (uri, variables) -> {
                    String id = variables.get("id");
                    return List.of(new Content.Resource(
                            uri,
                            "application/json",
                            "{\"id\":" + Media.jsonString(id) + ",\"templateTest\":true,\"data\":"
                                    + Media.jsonString("Data for ID: " + id) + "}",
                            null));
                });
        context.registerResource(
                new ResourceSpec(
                        "test://watched-resource",
                        "Watched resource",
                        "A resource clients may subscribe to; it reads the time it was read at.",
                        "text/plain"),
                (uri, variables) -> List.of(
                        new Content.Resource(uri, "text/plain", "Watched resource, read at " + Instant.now(), null)));
    }
}
