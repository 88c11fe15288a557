package dev.pincer.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolSpecTest {

    @Test
    void rejectsToolNameWithSpaces() {
        assertThatThrownBy(() -> ToolSpec.of("bad name!", "does things"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"bad name!\"");
    }

    @Test
    void acceptsNameOfSixtyFourCharactersButNotSixtyFive() {
        assertThat(ToolSpec.of("a".repeat(64), "").name()).hasSize(64);
        assertThatThrownBy(() -> ToolSpec.of("a".repeat(65), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a".repeat(65));
    }

    @Test
    void defaultsToAnyObjectSchemaAndNotDestructive() {
        ToolSpec spec = ToolSpec.of("weather", "Current weather for a city");

        assertThat(spec.inputSchemaJson()).isEqualTo("{\"type\":\"object\"}");
        assertThat(spec.destructive()).isFalse();
    }

    @Test
    void rejectsSchemaThatIsNotAJsonObject() {
        assertThatThrownBy(() -> ToolSpec.of("weather", "").withInputSchema("[\"type\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weather")
                .hasMessageContaining("[\"type\"]");
    }
}
