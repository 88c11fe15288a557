package dev.pincer.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSettingsTest {

    private static final String SCHEMA =
            """
            "config": {"type": "object", "required": ["apiKey"],
                       "properties": {"apiKey": {"type": "string", "minLength": 8},
                                      "units": {"type": "string", "enum": ["metric", "imperial"], "default": "metric"},
                                      "retries": {"type": "integer", "default": 3},
                                      "hosts": {"type": "array", "items": {"type": "string"}}}}""";

    @TempDir
    Path dir;

    private PluginSettings.Result resolve(String configToml, Map<String, String> env) {
        HostLayout layout = Fixtures.layout(dir, env);
        Path folder = Fixtures.plugin(Fixtures.homePlugins(layout), "weather", "1.0.0", SCHEMA);
        PluginManifest manifest = ManifestReader.create()
                .read(folder.resolve("pincer-plugin.json"))
                .manifest();
        Fixtures.file(layout.homeConfig(), configToml);
        return PluginSettings.resolve(
                manifest, ConfigLoader.create().load(layout).config(), env);
    }

    @Test
    void fillsDefaultsAndReadsTheEnvironment() {
        PluginSettings.Result result = resolve(
                "[plugins.entries.weather.config]\napiKey = \"${WEATHER_KEY}\"\n",
                Map.of("WEATHER_KEY", "s3cr3t-value"));

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.settings().path("apiKey").asString()).isEqualTo("s3cr3t-value");
        assertThat(result.settings().path("units").asString()).isEqualTo("metric");
        assertThat(result.settings().path("retries").asInt()).isEqualTo(3);
    }

    @Test
    void displayedSettingsKeepReferencesSoSecretsAreNeverShown() {
        PluginSettings.Result result = resolve(
                """
                [plugins.entries.weather.config]
                apiKey = "key-${WEATHER_KEY}"
                hosts = ["${HOST}", "plain.example.com"]
                """,
                Map.of("WEATHER_KEY", "s3cr3t-value", "HOST", "h.example.com"));

        assertThat(result.display().toString()).doesNotContain("s3cr3t-value").doesNotContain("h.example.com");
        assertThat(result.display().path("apiKey").asString()).isEqualTo("key-${WEATHER_KEY}");
        assertThat(result.display().path("hosts").get(0).asString()).isEqualTo("${HOST}");
        assertThat(result.display().path("units").asString()).isEqualTo("metric");
    }

    @Test
    void anUnsetVariableIsAnErrorNamingTheSettingAndTheVariable() {
        PluginSettings.Result result =
                resolve("[plugins.entries.weather.config]\napiKey = \"${WEATHER_KEY}\"\n", Map.of());

        assertThat(result.settings()).isNull();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("config.env-missing");
            assertThat(d.message())
                    .isEqualTo(
                            "setting 'apiKey' of 'weather' refers to ${WEATHER_KEY}, which is not set in the environment");
            assertThat(d.hint()).startsWith("export WEATHER_KEY=");
        });
    }

    @Test
    void doubleDollarWritesALiteralReference() {
        PluginSettings.Result result =
                resolve("[plugins.entries.weather.config]\napiKey = \"$${NOT_A_VAR}\"\n", Map.of());

        assertThat(result.settings().path("apiKey").asString()).isEqualTo("${NOT_A_VAR}");
    }

    @Test
    void settingsThatBreakTheSchemaAreReportedWithTheirLocation() {
        PluginSettings.Result result = resolve(
                """
                [plugins.entries.weather.config]
                apiKey = "long-enough"
                units = "kelvin"
                """,
                Map.of());

        assertThat(result.settings()).isNull();
        assertThat(result.diagnostics())
                .extracting(Diagnostic::message)
                .singleElement()
                .asString()
                .startsWith("settings of 'weather' are invalid: /units:");
        assertThat(result.failure()).contains("/units");
    }

    @Test
    void missingRequiredSettingIsReported() {
        PluginSettings.Result result = resolve("", Map.of());

        assertThat(result.failure()).contains("apiKey");
    }
}
