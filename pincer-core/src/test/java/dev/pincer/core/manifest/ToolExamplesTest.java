package dev.pincer.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolExamplesTest {

    private static final ManifestReader READER = ManifestReader.create();

    private static final String SCHEMA =
            "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}, \"required\": [\"name\"]}";

    @TempDir
    Path dir;

    private ManifestReadResult read(String examples) {
        return READER.read(Fixtures.plugin(
                        dir,
                        "p",
                        "{\"id\": \"greeter\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"},"
                                + " \"provides\": {\"tools\": [{\"name\": \"greet\", \"inputSchema\": " + SCHEMA
                                + ", \"examples\": " + examples + "}]}}")
                .resolve("pincer-plugin.json"));
    }

    @Test
    void bindsExamplesThatMatchTheInputSchema() {
        ManifestReadResult result = read("[{\"name\": \"Ada\"}, {\"name\": \"Grace\"}]");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.manifest().provides().tools().get(0).examples())
                .extracting(e -> e.path("name").asString())
                .containsExactly("Ada", "Grace");
    }

    @Test
    void refusesAnExampleThatDoesNotMatchNamingTheToolAndIndex() {
        ManifestReadResult result = read("[{\"name\": \"Ada\"}, {\"nom\": \"Grace\"}]");

        assertThat(result.manifest()).isNull();
        assertThat(result.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.code()).isEqualTo("manifest.bad-example");
                    assertThat(d.message())
                            .startsWith("'provides.tools' tool 'greet' example 1 does not match its inputSchema: ")
                            .contains("name");
                    assertThat(d.hint()).contains("examples[1]");
                });
    }

    @Test
    void refusesAnExampleThatIsNotAnObject() {
        ManifestReadResult result = read("[\"Ada\"]");

        assertThat(result.manifest()).isNull();
        assertThat(result.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("examples.0"));
    }

    @Test
    void toolsWithoutExamplesHaveAnEmptyList() {
        ManifestReadResult result = READER.read(Fixtures.plugin(
                        dir,
                        "q",
                        "{\"id\": \"plain\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"},"
                                + " \"provides\": {\"tools\": [{\"name\": \"t\"}]}}")
                .resolve("pincer-plugin.json"));

        assertThat(result.manifest().provides().tools().get(0).examples()).isEmpty();
    }
}
