package dev.pincer.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The elicitation request Pincer sends must survive the JSON mapper the transports use. */
class FormElicitationTest {

    private final McpJsonMapper json = McpJsonDefaults.getMapper();

    @Test
    void writesAFormRequestTheClientCanRead() throws Exception {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")));

        String written = json.writeValueAsString(new McpCaller.FormElicitation("Who are you?", schema));
        McpSchema.ElicitRequest read = json.readValue(written, McpSchema.ElicitRequest.class);

        assertThat(written).containsOnlyOnce("\"mode\":\"form\"").doesNotContain("_meta");
        assertThat(read).isInstanceOfSatisfying(McpSchema.ElicitFormRequest.class, form -> {
            assertThat(form.message()).isEqualTo("Who are you?");
            assertThat(form.requestedSchema()).isEqualTo(schema);
        });
    }
}
