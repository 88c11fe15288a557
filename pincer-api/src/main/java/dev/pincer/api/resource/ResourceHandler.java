package dev.pincer.api.resource;

import dev.pincer.api.tool.Content;
import java.util.List;
import java.util.Map;

/**
 * Reads one resource, or every resource a template stands for.
 *
 * <p>Pincer calls handlers concurrently, through the same guard as tools: a thrown {@link
 * dev.pincer.api.PluginException} reaches the reader with its message.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ResourceHandler {

    /**
     * Returns the contents of {@code uri}.
     *
     * @param uri the URI asked for: the spec's URI, or one its template matches
     * @param variables the template's variables filled from {@code uri}; empty for a plain URI
     * @return the contents, usually one item, never {@code null}
     * @throws Exception if the resource cannot be read
     */
    List<Content.Resource> read(String uri, Map<String, String> variables) throws Exception;
}
