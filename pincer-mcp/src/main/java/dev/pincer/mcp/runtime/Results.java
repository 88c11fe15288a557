package dev.pincer.mcp.runtime;

import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an MCP server's tool result into Pincer's: text, images, audio and embedded resources as
 * they are, a resource link as a line of text naming it, {@code structuredContent} as a JSON item,
 * and {@code isError} kept. Stateless and thread-safe.
 */
final class Results {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Results() {}

    static ToolResult toToolResult(McpSchema.CallToolResult result) {
        List<Content> content = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content item : result.content()) {
                content.add(item(item));
            }
        }
        if (result.structuredContent() != null) {
            content.add(Content.json(jsonLike(result.structuredContent())));
        }
        boolean error = Boolean.TRUE.equals(result.isError());
        if (error && content.isEmpty()) {
            return ToolResult.error("the MCP server reported an error without a message");
        }
        return new ToolResult(content, error);
    }

    private static Content item(McpSchema.Content item) {
        if (item instanceof McpSchema.TextContent text) {
            return Content.text(text.text() == null ? "" : text.text());
        }
        if (item instanceof McpSchema.ImageContent image) {
            return Content.image(image.data(), image.mimeType());
        }
        if (item instanceof McpSchema.AudioContent audio) {
            return Content.audio(audio.data(), audio.mimeType());
        }
        if (item instanceof McpSchema.EmbeddedResource embedded) {
            McpSchema.ResourceContents resource = embedded.resource();
            if (resource instanceof McpSchema.TextResourceContents text) {
                return Content.resourceText(text.uri(), text.mimeType(), text.text());
            }
            if (resource instanceof McpSchema.BlobResourceContents blob) {
                return Content.resourceBlob(blob.uri(), blob.mimeType(), blob.blob());
            }
        }
        if (item instanceof McpSchema.ResourceLink link) {
            StringBuilder text = new StringBuilder("resource link: ").append(link.uri());
            if (link.name() != null) {
                text.append(" (").append(link.name());
                if (link.mimeType() != null) {
                    text.append(", ").append(link.mimeType());
                }
                text.append(')');
            }
            if (link.description() != null) {
                text.append(": ").append(link.description());
            }
            return Content.text(text.toString());
        }
        return Content.text("(an MCP content item of type '" + item.type() + "' that Pincer does not carry)");
    }

    /** Returns a JSON-like copy (maps, lists, strings, numbers, booleans) of what the SDK parsed. */
    private static Object jsonLike(Object value) {
        Object plain = JSON.convertValue(value, Object.class);
        return plain == null ? Map.of() : plain;
    }
}
