package dev.pincer.core.config;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.Formats;
import dev.pincer.core.manifest.PublishedSchema;
import dev.pincer.core.manifest.SchemaFindings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the home {@code config.toml} and the workspace {@code pincer.toml}, checks each against
 * the published config schema, and merges them into a {@link PincerConfig}.
 *
 * <p>Missing files are normal and mean "nothing set". The workspace may only tighten {@code
 * [policy]} and may not set {@code [policy] trusted} or {@code [network]}; a loosening attempt is a
 * {@code config.policy-loosened} warning naming the key, and is ignored. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ConfigLoader {

    /** The resource path of the config schema inside the pincer-core jar. */
    public static final String SCHEMA_RESOURCE = "/dev/pincer/core/config/pincer-config.schema.json";

    private final PublishedSchema schema;
    private final SchemaFindings findings;
    private final ObjectMapper toml = Formats.toml();

    /** Creates a loader that checks files against {@code schema}. */
    public ConfigLoader(PublishedSchema schema) {
        this.schema = schema;
        this.findings = new SchemaFindings(schema.document(), "config");
    }

    /** Returns a loader for the published config schema. */
    public static ConfigLoader create() {
        return new ConfigLoader(PublishedSchema.load(SCHEMA_RESOURCE));
    }

    /** Loads and merges the config files of {@code layout}: home first, then the workspace over it. */
    public ConfigLoadResult load(HostLayout layout) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Path> broken = new ArrayList<>();
        List<Parsed> files = new ArrayList<>();
        for (Path file : List.of(layout.homeConfig(), layout.workspaceConfig())) {
            readTree(file, diagnostics).ifPresentOrElse(tree -> files.add(new Parsed(file, tree)), () -> {
                if (Files.exists(file)) {
                    broken.add(file);
                }
            });
        }
        return new ConfigLoadResult(merge(files, layout, diagnostics), diagnostics, broken);
    }

    /**
     * Returns the parsed and schema-checked tree of {@code file}; empty when it is missing or
     * unusable (an error diagnostic says why for the latter).
     */
    public Optional<JsonNode> readTree(Path file, List<Diagnostic> diagnostics) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(Formats.MAX_DOCUMENT_BYTES + 1);
            if (content.length > Formats.MAX_DOCUMENT_BYTES) {
                diagnostics.add(Diagnostic.error(
                        "config.too-large",
                        null,
                        file,
                        "config file is larger than " + Formats.MAX_DOCUMENT_BYTES / 1024 + " KiB",
                        null));
                return Optional.empty();
            }
            tree = toml.readTree(content);
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(
                    "config.unreadable",
                    null,
                    file,
                    "cannot read config file: " + e.getMessage(),
                    "check the file's permissions"));
            return Optional.empty();
        } catch (JacksonException e) {
            diagnostics.add(Diagnostic.error(
                    "config.syntax",
                    null,
                    file,
                    "not valid TOML: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    "fix the file; until then every plugin is blocked"));
            return Optional.empty();
        }
        if (tree != null && Formats.tooDeep(tree)) {
            diagnostics.add(Diagnostic.error(
                    "config.syntax",
                    null,
                    file,
                    "config file nests deeper than " + Formats.MAX_NESTING + " levels (dotted keys count as levels)",
                    "flatten the settings; until then every plugin is blocked"));
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            tree = toml.createObjectNode();
        }
        List<Diagnostic> found = findings.describe(schema.validate(tree), null, file);
        diagnostics.addAll(found);
        if (found.stream().anyMatch(Diagnostic::isError)) {
            diagnostics.add(Diagnostic.error(
                    "config.unusable",
                    null,
                    file,
                    "config file " + file + " has errors, so its settings are not applied",
                    "fix the errors above; until then every plugin"
                            + " is blocked, so that a deny list is never ignored"));
            return Optional.empty();
        }
        return Optional.of(tree);
    }

    private static PincerConfig merge(List<Parsed> files, HostLayout layout, List<Diagnostic> diagnostics) {
        List<String> allow = null;
        List<Path> allowOrigins = new ArrayList<>();
        Map<String, Path> deny = new HashMap<>();
        List<ConfiguredPath> paths = new ArrayList<>();
        Map<String, PincerConfig.Entry> entries = new HashMap<>();
        Map<String, PincerConfig.Slot> slots = new LinkedHashMap<>();
        for (Parsed parsed : files) {
            JsonNode plugins = parsed.tree().path("plugins");
            Path origin = parsed.file();
            if (plugins.has("allow")) {
                Set<String> listed = new LinkedHashSet<>(strings(plugins.path("allow")));
                allow = allow == null
                        ? List.copyOf(listed)
                        : allow.stream().filter(listed::contains).toList();
                allowOrigins.add(origin);
            }
            strings(plugins.path("deny")).forEach(id -> deny.putIfAbsent(id, origin));
            // Later files are workspace files: their paths rank above the home file's.
            List<ConfiguredPath> own = new ArrayList<>();
            Path base = origin.toAbsolutePath().getParent();
            strings(plugins.path("paths"))
                    .forEach(p -> own.add(new ConfiguredPath(base.resolve(p).normalize(), origin)));
            paths.addAll(0, own);
            plugins.path("entries")
                    .forEachEntry((id, entry) -> entries.merge(id, entry(entry, origin), ConfigLoader::over));
            plugins.path("slots")
                    .forEachEntry((slot, id) -> slots.put(slot, new PincerConfig.Slot(id.asString(), origin)));
        }
        PolicyMerge.Result policy = PolicyMerge.merge(
                tree(files, layout.homeConfig()),
                layout.homeConfig(),
                tree(files, layout.workspaceConfig()),
                layout.workspaceConfig(),
                layout.env().get("HOME"),
                diagnostics);
        return new PincerConfig(
                allow,
                allowOrigins,
                deny,
                paths,
                entries,
                slots,
                policy.policy(),
                policy.network(),
                policy.sandbox(),
                policy.gateway(),
                policy.reload(),
                policy.skills(),
                policy.agent(),
                indexes(tree(files, layout.homeConfig()), layout.homeConfig()),
                policy.audit());
    }

    /** Returns {@code [plugins] indexes} of the home file: URLs as written, files resolved against it. */
    private static List<String> indexes(JsonNode home, Path homeFile) {
        if (home == null) {
            return List.of();
        }
        Path base = homeFile.toAbsolutePath().getParent();
        return strings(home.path("plugins").path("indexes")).stream()
                .map(i -> i.startsWith("http://") || i.startsWith("https://")
                        ? i
                        : base.resolve(i).normalize().toString())
                .toList();
    }

    private static JsonNode tree(List<Parsed> files, Path file) {
        return files.stream()
                .filter(p -> p.file().equals(file))
                .map(Parsed::tree)
                .findFirst()
                .orElse(null);
    }

    private static PincerConfig.Entry entry(JsonNode node, Path origin) {
        Boolean enabled = node.has("enabled") ? node.path("enabled").asBoolean() : null;
        JsonNode config = node.get("config");
        java.time.Duration hookTimeout = dev.pincer.core.manifest.Durations.parse(
                        node.path("hookTimeout").asString(null))
                .orElse(null);
        return new PincerConfig.Entry(
                enabled, enabled == null ? null : origin, config, config == null ? null : origin, hookTimeout);
    }

    private static PincerConfig.Entry over(PincerConfig.Entry base, PincerConfig.Entry top) {
        return new PincerConfig.Entry(
                top.enabled() != null ? top.enabled() : base.enabled(),
                top.enabled() != null ? top.enabledOrigin() : base.enabledOrigin(),
                top.config() != null ? top.config() : base.config(),
                top.config() != null ? top.configOrigin() : base.configOrigin(),
                top.hookTimeout() != null ? top.hookTimeout() : base.hookTimeout());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private record Parsed(Path file, JsonNode tree) {}
}
