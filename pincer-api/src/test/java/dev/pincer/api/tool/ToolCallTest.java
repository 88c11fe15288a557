package dev.pincer.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallTest {

    @Test
    void copiesArgumentsDeeplySoLaterChangesDoNotLeakIn() {
        List<Object> cities = new ArrayList<>(List.of("Oslo"));
        Map<String, Object> arguments = new HashMap<>(Map.of("cities", cities));

        ToolCall call = new ToolCall("weather", arguments, "c1", null);
        cities.add("Lima");
        arguments.put("units", "metric");

        assertThat(call.arguments()).containsOnlyKeys("cities");
        assertThat(call.arguments().get("cities")).isEqualTo(List.of("Oslo"));
        assertThatThrownBy(() -> call.arguments().put("units", "imperial"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsJsonNullArguments() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("units", null);

        ToolCall call = new ToolCall("weather", arguments, "c1", "s1");

        assertThat(call.arguments()).containsEntry("units", null);
    }

    @Test
    void rejectsArgumentThatIsNotJsonNamingItsPath() {
        Map<String, Object> arguments = Map.of("when", List.of(Instant.EPOCH));

        assertThatThrownBy(() -> new ToolCall("weather", arguments, "c1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arguments.when[0]")
                .hasMessageContaining("java.time.Instant");
    }
}
