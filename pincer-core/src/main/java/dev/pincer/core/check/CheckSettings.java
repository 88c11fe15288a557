package dev.pincer.core.check;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.manifest.Formats;
import dev.pincer.core.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the check's private home config (the plugin folder as the one plugin path, and the
 * settings to check), and judges the plugin's config schema and settings from the catalog.
 *
 * <p>Immutable and thread-safe.
 *
 * @param settingsFile a TOML file of the plugin's settings, or {@code null} for its defaults
 * @param homeConfig more home config in TOML, appended as is
 */
record CheckSettings(Path settingsFile, String homeConfig) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Writes {@code home/config.toml} and the workspace folder. A plugin disabled by default is
     * enabled there: the author asked for it to be checked.
     *
     * @return why the settings file could not be read, or empty when the config was written
     */
    Optional<String> write(Path home, Path folder, PluginManifest manifest) {
        String pluginId = manifest.id();
        StringBuilder toml = new StringBuilder("[plugins]\npaths = [")
                .append(JSON.writeValueAsString(folder.toString()))
                .append("]\n");
        if (settingsFile != null || !manifest.enabledByDefault()) {
            toml.append("[plugins.entries.")
                    .append(JSON.writeValueAsString(pluginId))
                    .append("]\n");
        }
        if (!manifest.enabledByDefault()) {
            toml.append("enabled = true\n");
        }
        if (settingsFile != null) {
            JsonNode settings;
            try {
                settings = Formats.toml().readTree(Files.readString(settingsFile));
            } catch (java.nio.file.NoSuchFileException e) {
                return Optional.of("the settings file " + settingsFile + " does not exist");
            } catch (IOException | JacksonException e) {
                return Optional.of("cannot read the settings file " + settingsFile + ": " + e.getMessage());
            }
            settings = settings == null ? JSON.createObjectNode() : settings;
            toml.append("config = ").append(inline(settings)).append('\n');
        }
        toml.append(homeConfig);
        try {
            Files.createDirectories(home.resolve("workspace"));
            Files.writeString(home.resolve("config.toml"), toml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the check's home config in " + home + ": " + e, e);
        }
        return Optional.empty();
    }

    /** Returns {@code value} as a TOML inline value; JSON's string escapes are TOML's too. */
    private static String inline(JsonNode value) {
        if (value.isObject()) {
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                if (!e.getValue().isNull()) {
                    pairs.add(JSON.writeValueAsString(e.getKey()) + " = " + inline(e.getValue()));
                }
            }
            return "{" + String.join(", ", pairs) + "}";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(inline(v)));
            return "[" + String.join(", ", items) + "]";
        }
        return JSON.writeValueAsString(value);
    }

    /**
     * Returns the outcome of the config check: the manifest's config schema compiled when it was
     * read, so what is left is whether the settings (given or default) validate against it.
     */
    static CheckResult result(PluginManifest manifest, Catalog catalog) {
        List<Diagnostic> config = new ArrayList<>();
        catalog.diagnostics().stream()
                .filter(d -> d.code().startsWith("config.")
                        && (d.pluginId() == null || d.pluginId().equals(manifest.id())))
                .forEach(config::add);
        List<String> errors = PluginCheck.errors(config);
        List<String> all = config.stream().map(PluginCheck::line).toList();
        if (!errors.isEmpty()) {
            return CheckResult.failed(
                    "config",
                    manifest.configSchema() == null
                            ? "the home config for the check is not valid"
                            : "the settings do not validate against the plugin's config schema",
                    errors);
        }
        if (manifest.configSchema() == null) {
            return CheckResult.passed("config", "the plugin declares no config schema and takes no settings", all);
        }
        return CheckResult.passed(
                "config",
                "the config schema is a valid JSON Schema and the "
                        + (catalog.config()
                                        .entry(manifest.id())
                                        .map(e -> e.config() != null)
                                        .orElse(false)
                                ? "given"
                                : "default")
                        + " settings validate against it",
                all);
    }
}
