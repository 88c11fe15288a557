package dev.pincer.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolResultTest {

    @Test
    void errorFactoryMarksResultAsErrorAndKeepsMessage() {
        ToolResult result = ToolResult.error("city not found; check the spelling");

        assertThat(result.isError()).isTrue();
        assertThat(result.content()).containsExactly(new Content.Text("city not found; check the spelling"));
    }

    @Test
    void copiesContentList() {
        List<Content> content = new ArrayList<>(List.of(Content.text("a")));

        ToolResult result = new ToolResult(content, false);
        content.add(Content.text("b"));

        assertThat(result.content()).containsExactly(Content.text("a"));
    }

    @Test
    void rejectsImageWithNonImageMimeType() {
        assertThatThrownBy(() -> Content.image("iVBORw0KGgo=", "audio/wav"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"audio/wav\"");
    }
}
