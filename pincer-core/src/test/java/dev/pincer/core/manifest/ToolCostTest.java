package dev.pincer.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCostTest {

    private static final ManifestReader READER = ManifestReader.create();

    @TempDir
    Path dir;

    private ManifestReadResult read(String tools) {
        return READER.read(Fixtures.plugin(
                        dir,
                        "p",
                        "{\"id\": \"translator\", \"version\": \"1.0.0\", \"runtime\": {\"type\": \"jvm\"},"
                                + " \"provides\": {\"tools\": " + tools + "}}")
                .resolve("pincer-plugin.json"));
    }

    @Test
    void bindsDeclaredCostExactlyAndLeavesUndeclaredCostNull() {
        ManifestReadResult result = read("[{\"name\": \"translate\", \"cost\": 0.8},"
                + " {\"name\": \"detect\", \"cost\": 0}, {\"name\": \"free\"}]");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.manifest().provides().tools())
                .extracting(Provides.Tool::cost)
                .containsExactly(new BigDecimal("0.8"), BigDecimal.ZERO, null);
    }

    @Test
    void bindsCostFromTomlManifests() {
        Path file = Fixtures.file(
                dir.resolve("t").resolve("pincer-plugin.toml"),
                """
                id = "translator"
                version = "1.0.0"
                [runtime]
                type = "jvm"
                [[provides.tools]]
                name = "translate"
                cost = 0.25
                destructive = true
                """);

        Provides.Tool tool = READER.read(file).manifest().provides().tools().get(0);

        assertThat(tool.cost()).isEqualByComparingTo("0.25");
        assertThat(tool.destructive()).isTrue();
    }

    @Test
    void refusesNegativeCostNamingTheToolAndTheRule() {
        ManifestReadResult result = read("[{\"name\": \"translate\", \"cost\": -1}]");

        assertThat(result.manifest()).isNull();
        assertThat(result.diagnostics())
                .filteredOn(Diagnostic::isError)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.code()).isEqualTo("manifest.schema");
                    assertThat(d.message())
                            .startsWith("'provides.tools.0.cost': '-1' ")
                            .contains("minimum");
                    assertThat(d.hint())
                            .isEqualTo(
                                    "Declared cost of one call, in the currency units the host's [policy] limits use.");
                });
    }

    @Test
    void refusesCostThatIsNotANumber() {
        ManifestReadResult result = read("[{\"name\": \"translate\", \"cost\": \"cheap\"}]");

        assertThat(result.manifest()).isNull();
        assertThat(result.diagnostics())
                .filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::message)
                .singleElement()
                .asString()
                .startsWith("'provides.tools.0.cost': 'cheap' ");
    }

    @Test
    void toolRecordRefusesNegativeCostSaidInWords() {
        assertThatThrownBy(() -> new Provides.Tool("translate", null, null, false, new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost of tool 'translate' must not be negative, but was -0.01");
    }
}
