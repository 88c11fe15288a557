package dev.pincer.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolNamesTest {

    private static ToolNames of(String... names) {
        return ToolNames.of(new LinkedHashSet<>(List.of(names)));
    }

    @Test
    void keepsNamesOpenAiAccepts() {
        ToolNames names = of("greet", "Get-Weather_2");
        assertThat(names.safe("greet")).isEqualTo("greet");
        assertThat(names.safe("Get-Weather_2")).isEqualTo("Get-Weather_2");
        assertThat(names.original("greet")).isEqualTo("greet");
    }

    @Test
    void mapsANamespacedNameToASafeOneAndBack() {
        ToolNames names = of("hello.greet");
        assertThat(names.safe("hello.greet")).isEqualTo("hello_greet").matches("[a-zA-Z0-9_-]{1,64}");
        assertThat(names.original("hello_greet")).isEqualTo("hello.greet");
    }

    @Test
    void keepsAMappedNameApartFromAToolThatAlreadyHasIt() {
        ToolNames names = of("hello.greet", "hello_greet", "hello greet");
        assertThat(names.safe("hello_greet")).isEqualTo("hello_greet");
        String dotted = names.safe("hello.greet");
        String spaced = names.safe("hello greet");
        assertThat(Set.of(dotted, spaced, "hello_greet")).hasSize(3);
        assertThat(dotted).startsWith("hello_greet_").matches("[a-zA-Z0-9_-]{1,64}");
        assertThat(names.original(dotted)).isEqualTo("hello.greet");
        assertThat(names.original(spaced)).isEqualTo("hello greet");
    }

    @Test
    void shortensALongNameToSixtyFourCharacters() {
        String tooLong = "plugin." + "x".repeat(80);
        ToolNames names = of(tooLong);
        assertThat(names.safe(tooLong)).hasSize(64).matches("[a-zA-Z0-9_-]{1,64}");
        assertThat(names.original(names.safe(tooLong))).isEqualTo(tooLong);
    }

    @Test
    void givesTheSameNameOnEveryTurn() {
        assertThat(of("a.b", "a_b").safe("a.b")).isEqualTo(of("a.b", "a_b").safe("a.b"));
    }

    @Test
    void returnsANameTheModelMadeUpAsItIs() {
        assertThat(of("greet").original("nonexistent")).isEqualTo("nonexistent");
    }
}
