package dev.pincer.core.manifest;

import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Collects the findings the schema cannot express: semantic versions and ranges, paths that
 * leave the plugin folder, duplicate names, and embedded JSON Schemas that do not compile.
 *
 * <p>Not thread-safe: one instance per manifest being read.
 */
final class ManifestChecks {

    private final String pluginId;
    private final Path file;
    private final boolean compileSchemas;
    private final List<Diagnostic> findings = new ArrayList<>();

    private ManifestChecks(String pluginId, Path file, boolean compileSchemas) {
        this.pluginId = pluginId;
        this.file = file;
        this.compileSchemas = compileSchemas;
    }

    /** Returns checks that do everything, including compiling embedded schemas. */
    static ManifestChecks thorough(String pluginId, Path file) {
        return new ManifestChecks(pluginId, file, true);
    }

    /**
     * Returns checks for content known to have validated clean: they skip compiling embedded
     * schemas, the one expensive check, and still do the rest (binding needs them).
     */
    static ManifestChecks trusting(String pluginId, Path file) {
        return new ManifestChecks(pluginId, file, false);
    }

    List<Diagnostic> findings() {
        return List.copyOf(findings);
    }

    Optional<SemanticVersion> version(String text) {
        Optional<SemanticVersion> version = SemanticVersion.parse(text);
        if (version.isEmpty()) {
            error(
                    "manifest.version",
                    "'version' '" + text + "' is not a semantic version",
                    "use MAJOR.MINOR.PATCH, e.g. 1.0.0 (https://semver.org)");
        }
        return version;
    }

    Optional<VersionRange> range(String key, String text) {
        Optional<VersionRange> range = VersionRange.parse(text);
        if (range.isEmpty()) {
            error(
                    "manifest.range",
                    "'" + key + "' '" + text + "' is not a semver range",
                    "use npm-style ranges such as ^1.2.0, ~1.2, >=1.0.0 <2.0.0 or 1.x");
        }
        return range;
    }

    void notSelf(String dependency) {
        if (dependency.equals(pluginId)) {
            error(
                    "manifest.self-dependency",
                    "the plugin depends on itself",
                    "remove '" + dependency + "' from dependencies");
        }
    }

    /** Checks that a manifest path names something inside the plugin folder. */
    void insideFolder(String key, String path) {
        boolean escapes;
        try {
            Path relative = Path.of(path);
            escapes = relative.isAbsolute()
                    || path.startsWith("~")
                    || relative.normalize().startsWith("..")
                    || path.indexOf('\\') >= 0;
        } catch (InvalidPathException e) {
            escapes = true;
        }
        if (escapes) {
            error(
                    "manifest.path-escape",
                    "'" + key + "' '" + path + "' does not stay inside the plugin folder",
                    "use a relative path below the folder that holds the manifest, without '..'");
        }
    }

    /**
     * Checks a filesystem permission path: the person approving must see the place it names, so
     * {@code ..} segments, {@code ~user} forms, backslashes and {@code ${config.…}} placeholders
     * are refused.
     */
    void grantPath(String path) {
        if (path.contains("${config.")) {
            error(
                    "manifest.permission-placeholder",
                    "'permissions.filesystem' path '" + path + "' holds a ${config.…} placeholder, which only"
                            + " permissions.network and permissions.env entries may use",
                    "write the path itself: a filesystem grant must name a place that does not change with the"
                            + " plugin's settings");
            return;
        }
        String[] segments = path.split("/", -1);
        boolean unclear = path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0
                || (path.startsWith("~") && !path.equals("~") && !path.startsWith("~/"))
                || java.util.Arrays.asList(segments).contains("..");
        if (unclear) {
            error(
                    "manifest.permission-path",
                    "'permissions.filesystem' path '" + path + "' does not plainly name a place",
                    "write an absolute path, ~/… for the user's home, or a path relative to the workspace,"
                            + " without '..' or backslashes");
        }
    }

    /** Checks that every entry of a wasm runtime's {@code functions} names a declared tool. */
    void wasmFunctions(RuntimeSpec.Wasm wasm, Provides provides) {
        Set<String> tools = new HashSet<>();
        provides.tools().forEach(t -> tools.add(t.name()));
        for (String tool : wasm.functions().keySet()) {
            if (!tools.contains(tool)) {
                error(
                        "manifest.undeclared-function",
                        "'runtime.functions' maps tool '" + tool + "', which 'provides.tools' does not declare",
                        "declare the tool under provides.tools, or remove it from runtime.functions");
            }
        }
    }

    /**
     * Checks a network permission: an address written in a numeric form other than plain dotted
     * decimal ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}) hides from the person
     * approving which host it is, so it is refused.
     */
    void grantHost(String host) {
        String name = host.startsWith("*.") ? host.substring(2) : host;
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        String[] labels = name.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            numeric &= label.matches("[0-9]+|0[xX][0-9a-fA-F]*");
        }
        boolean dottedDecimal = labels.length == 4;
        for (String label : labels) {
            dottedDecimal &= label.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(label) <= 255;
        }
        if (numeric && !dottedDecimal) {
            error(
                    "manifest.permission-host",
                    "'permissions.network' host '" + host + "' is an address in a disguised numeric form",
                    "write the host name, or the address as four decimal numbers such as 192.0.2.10");
        }
    }

    /**
     * Checks a {@code ${config.<key>}} placeholder in permission list {@code list}: the plugin's
     * config schema must declare {@code key} as a top-level string property, so that the value it
     * stands for is one string the person approving can be shown.
     */
    void placeholder(String list, String key, JsonNode configSchema) {
        String entry = "'" + list + "' entry '${config." + key + "}'";
        if (configSchema == null) {
            error(
                    "manifest.placeholder-key",
                    entry + " refers to setting '" + key + "', but the manifest declares no settings",
                    "add a 'config' schema with \"properties\": {\"" + key + "\": {\"type\": \"string\"}}");
            return;
        }
        JsonNode property = configSchema.path("properties").path(key);
        if (property.isMissingNode()) {
            error(
                    "manifest.placeholder-key",
                    entry + " refers to setting '" + key + "', which 'config' does not declare",
                    "declare it in config.properties as {\"type\": \"string\"}, or fix the key");
            return;
        }
        JsonNode type = property.path("type");
        if (!(type.isString() && "string".equals(type.asString()))) {
            error(
                    "manifest.placeholder-key",
                    entry + " refers to setting '" + key
                            + "', which 'config' does not declare as a string (its type is "
                            + (type.isMissingNode() ? "not stated" : type.toString()) + ")",
                    "give config.properties." + key + " \"type\": \"string\"");
        }
    }

    void unique(String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                error(
                        "manifest.duplicate",
                        "'" + key + "' declares '" + name + "' more than once",
                        "give each entry a distinct name");
            }
        }
    }

    void compiles(String key, JsonNode schema) {
        try {
            JsonSchemas.compile(schema);
        } catch (IllegalArgumentException e) {
            error(
                    "manifest.bad-schema",
                    "'" + key + "' is not a usable JSON Schema: " + e.getMessage(),
                    "write a JSON Schema (draft 2020-12) object, e.g. {\"type\": \"object\", \"properties\": {…}}");
        }
    }

    /**
     * Checks that each example of tool {@code tool} is valid against its input schema (when there is
     * one that compiles); trusting checks skip it, as the content validated clean before.
     */
    void examples(String tool, JsonNode inputSchema, List<JsonNode> examples) {
        if (!compileSchemas || inputSchema == null || examples.isEmpty()) {
            return;
        }
        com.networknt.schema.Schema schema;
        try {
            schema = JsonSchemas.compile(inputSchema);
        } catch (IllegalArgumentException e) {
            return; // compiles() reported it
        }
        for (int i = 0; i < examples.size(); i++) {
            List<String> violations = JsonSchemas.violations(schema, examples.get(i));
            if (!violations.isEmpty()) {
                error(
                        "manifest.bad-example",
                        "'provides.tools' tool '" + tool + "' example " + i + " does not match its inputSchema: "
                                + String.join("; ", violations),
                        "fix provides.tools[name=" + tool + "].examples[" + i
                                + "] so it has the arguments the inputSchema asks for, or remove it");
            }
        }
    }

    void objectSchema(String key, JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && !(type.isString() && "object".equals(type.asString()))) {
            error(
                    "manifest.bad-schema",
                    "'" + key + "' must describe an object, but its type is " + type,
                    "settings are a table of named values: use \"type\": \"object\"");
        }
    }

    private void error(String code, String message, String hint) {
        findings.add(Diagnostic.error(code, pluginId, file, message, hint));
    }
}
