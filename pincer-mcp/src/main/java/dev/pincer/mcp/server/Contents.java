package dev.pincer.mcp.server;

import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.Role;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * Translates Pincer's content items into MCP's and back.
 *
 * <p>Stateless.
 *
 * @since 0.1.0
 */
public final class Contents {

    private Contents() {}

    /**
     * Returns the MCP form of {@code content}; JSON becomes its text, since MCP content has no JSON
     * item (structured results travel beside the content instead).
     *
     * @param content a Pincer item
     * @param json writes JSON values as text
     * @return the MCP item
     */
    public static McpSchema.Content toMcp(Content content, JsonText json) {
        if (content instanceof Content.Text text) {
            return new McpSchema.TextContent(null, text.text(), null);
        }
        if (content instanceof Content.Image image) {
            return new McpSchema.ImageContent(null, image.base64Data(), image.mimeType(), null);
        }
        if (content instanceof Content.Audio audio) {
            return new McpSchema.AudioContent(null, audio.base64Data(), audio.mimeType(), null);
        }
        if (content instanceof Content.Resource resource) {
            return new McpSchema.EmbeddedResource(null, toMcp(resource), null);
        }
        return new McpSchema.TextContent(null, json.write(((Content.Json) content).value()), null);
    }

    /** Returns the MCP contents of a resource. */
    public static McpSchema.ResourceContents toMcp(Content.Resource resource) {
        return resource.text() != null
                ? new McpSchema.TextResourceContents(resource.uri(), resource.mimeType(), resource.text(), null)
                : new McpSchema.BlobResourceContents(resource.uri(), resource.mimeType(), resource.base64Blob(), null);
    }

    /**
     * Returns the Pincer form of an MCP item. A resource link becomes a text item naming the link,
     * because Pincer results hold content, not references.
     *
     * @param content an MCP item
     * @return the Pincer item
     */
    public static Content fromMcp(McpSchema.Content content) {
        if (content instanceof McpSchema.TextContent text) {
            return Content.text(text.text() == null ? "" : text.text());
        }
        if (content instanceof McpSchema.ImageContent image) {
            return Content.image(image.data(), image.mimeType());
        }
        if (content instanceof McpSchema.AudioContent audio) {
            return Content.audio(audio.data(), audio.mimeType());
        }
        if (content instanceof McpSchema.EmbeddedResource embedded) {
            return fromMcp(embedded.resource());
        }
        if (content instanceof McpSchema.ResourceLink link) {
            return Content.text("resource link: " + link.uri() + (link.name() == null ? "" : " (" + link.name() + ")"));
        }
        return Content.text(String.valueOf(content));
    }

    /** Returns the Pincer form of MCP resource contents. */
    public static Content.Resource fromMcp(McpSchema.ResourceContents contents) {
        if (contents instanceof McpSchema.BlobResourceContents blob) {
            return new Content.Resource(blob.uri(), blob.mimeType(), null, blob.blob());
        }
        McpSchema.TextResourceContents text = (McpSchema.TextResourceContents) contents;
        return new Content.Resource(text.uri(), text.mimeType(), text.text() == null ? "" : text.text(), null);
    }

    /** Returns MCP's role for Pincer's. */
    public static McpSchema.Role toMcp(Role role) {
        return role == Role.USER ? McpSchema.Role.USER : McpSchema.Role.ASSISTANT;
    }

    /** Returns Pincer's role for MCP's. */
    public static Role fromMcp(McpSchema.Role role) {
        return role == McpSchema.Role.USER ? Role.USER : Role.ASSISTANT;
    }

    /** Returns the MCP items of {@code items}, in order. */
    public static List<McpSchema.Content> toMcp(List<Content> items, JsonText json) {
        return items.stream().map(c -> toMcp(c, json)).toList();
    }

    /** Writes a JSON-like value as JSON text. */
    @FunctionalInterface
    public interface JsonText {

        /** Returns {@code value} as JSON text. */
        String write(Object value);
    }
}
