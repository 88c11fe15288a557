package dev.pincer.core.manifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Binds a schema-valid manifest tree to {@link PluginManifest}, reporting semantic problems to
 * {@link ManifestChecks}. Hand-written rather than reflective so that start-up stays fast.
 *
 * <p>Not thread-safe: one instance per manifest being read.
 */
final class ManifestBinder {

    private final ManifestChecks checks;

    ManifestBinder(ManifestChecks checks) {
        this.checks = checks;
    }

    /** Returns the manifest, or {@code null} when a semantic check failed. */
    PluginManifest bind(JsonNode doc) {
        String id = doc.path("id").asString();
        SemanticVersion version = checks.version(doc.path("version").asString()).orElse(null);
        VersionRange hostRange = doc.has("pincer")
                ? checks.range("pincer", doc.path("pincer").asString()).orElse(null)
                : null;
        Map<String, VersionRange> dependencies = new LinkedHashMap<>();
        doc.path("dependencies").forEachEntry((dep, range) -> {
            checks.notSelf(dep);
            checks.range("dependencies." + dep, range.asString()).ifPresent(r -> dependencies.put(dep, r));
        });
        RuntimeSpec runtime = runtime(doc.path("runtime"));
        Provides provides = provides(doc.path("provides"));
        if (runtime instanceof RuntimeSpec.Wasm wasm) {
            checks.wasmFunctions(wasm, provides);
        }
        JsonNode config = doc.get("config");
        if (config != null) {
            checks.objectSchema("config", config);
            checks.compiles("config", config);
        }
        if (version == null
                || (doc.has("pincer") && hostRange == null)
                || dependencies.size() != doc.path("dependencies").size()) {
            return null;
        }
        return new PluginManifest(
                id,
                doc.path("name").asString(id),
                version,
                text(doc, "description"),
                text(doc, "license"),
                text(doc, "homepage"),
                hostRange,
                runtime,
                provides,
                dependencies,
                permissions(doc.path("permissions"), config),
                resources(doc.path("resources")),
                config,
                ActivationMode.valueOf(
                        doc.path("activation").path("mode").asString("startup").toUpperCase(Locale.ROOT)),
                doc.path("enabledByDefault").asBoolean(true),
                doc);
    }

    private RuntimeSpec runtime(JsonNode node) {
        RuntimeType type = RuntimeType.fromLabel(node.path("type").asString());
        return switch (type) {
            case JVM ->
                new RuntimeSpec.Jvm(text(node, "main"), paths(node, "classpath"), strings(node.path("exports")));
            case WASM -> {
                String module = node.path("module").asString();
                checks.insideFolder("runtime.module", module);
                Map<String, RuntimeSpec.Wasm.Export> functions = new LinkedHashMap<>();
                node.path("functions")
                        .forEachEntry((tool, f) -> functions.put(
                                tool,
                                new RuntimeSpec.Wasm.Export(f.path("export").asString(tool), text(f, "argument"))));
                yield new RuntimeSpec.Wasm(module, node.path("wasi").asBoolean(false), functions);
            }
            case MCP -> {
                Map<String, String> env = new LinkedHashMap<>();
                node.path("env").forEachEntry((k, v) -> env.put(k, v.asString()));
                yield new RuntimeSpec.Mcp(
                        text(node, "command"),
                        strings(node.path("args")),
                        env,
                        text(node, "url"),
                        text(node, "namespace"));
            }
            case SKILLS -> new RuntimeSpec.Skills(paths(node, "paths"));
        };
    }

    private List<String> paths(JsonNode runtime, String key) {
        List<String> paths = strings(runtime.path(key));
        paths.forEach(p -> checks.insideFolder("runtime." + key, p));
        return paths;
    }

    private Provides provides(JsonNode node) {
        List<Provides.Tool> tools = list(node.path("tools"), t -> {
            JsonNode schema = t.get("inputSchema");
            String name = t.path("name").asString();
            if (schema != null) {
                checks.compiles("provides.tools." + name + ".inputSchema", schema);
            }
            List<JsonNode> examples = new ArrayList<>();
            t.path("examples").forEach(examples::add);
            checks.examples(name, schema, examples);
            return new Provides.Tool(
                    name,
                    text(t, "description"),
                    schema,
                    t.path("destructive").asBoolean(false),
                    t.has("cost") ? t.get("cost").decimalValue() : null,
                    examples);
        });
        List<Provides.Command> commands = list(
                node.path("commands"),
                c -> new Provides.Command(c.path("name").asString(), text(c, "description"), text(c, "args")));
        List<Provides.Stage> stages = list(
                node.path("stages"),
                s -> new Provides.Stage(
                        s.path("name").asString(),
                        Provides.Direction.valueOf(
                                s.path("direction").asString().toUpperCase(Locale.ROOT))));
        checks.unique("provides.tools", tools.stream().map(Provides.Tool::name).toList());
        checks.unique(
                "provides.commands",
                commands.stream().map(Provides.Command::name).toList());
        checks.unique(
                "provides.stages", stages.stream().map(Provides.Stage::name).toList());
        return new Provides(
                tools,
                commands,
                strings(node.path("hooks")),
                strings(node.path("skills")),
                strings(node.path("services")),
                strings(node.path("channels")),
                stages,
                strings(node.path("providers")),
                strings(node.path("memory")),
                strings(node.path("resources")),
                strings(node.path("prompts")));
    }

    private Permissions permissions(JsonNode node, JsonNode configSchema) {
        node.path("filesystem").forEach(f -> checks.grantPath(f.path("path").asString()));
        node.path("network").forEach(h -> Permissions.configKey(h.asString())
                .ifPresentOrElse(
                        key -> checks.placeholder("permissions.network", key, configSchema),
                        () -> checks.grantHost(h.asString())));
        node.path("env").forEach(e -> Permissions.configKey(e.asString())
                .ifPresent(key -> checks.placeholder("permissions.env", key, configSchema)));
        List<Permissions.FileGrant> files = list(
                node.path("filesystem"),
                f -> new Permissions.FileGrant(
                        f.path("path").asString(),
                        Permissions.Access.fromLabel(f.path("mode").asString())));
        return new Permissions(
                strings(node.path("network")),
                files,
                strings(node.path("env")),
                node.path("shell").asBoolean(false));
    }

    private static Resources resources(JsonNode node) {
        return new Resources(
                node.has("memory") ? bytes(node.path("memory").asString()) : null,
                node.has("timeout") ? duration(node.path("timeout").asString()) : null,
                node.has("cpu") ? duration(node.path("cpu").asString()) : null,
                node.has("concurrency") ? node.path("concurrency").asInt() : null,
                node.has("output") ? bytes(node.path("output").asString()) : null,
                node.has("logs") ? node.path("logs").asInt() : null);
    }

    /** Parses sizes the schema already checked, such as {@code 64MiB}. */
    static long bytes(String text) {
        return Sizes.parse(text).orElseThrow();
    }

    /** Parses durations the schema already checked, such as {@code 500ms}, {@code 30s}, {@code 2m}. */
    static Duration duration(String text) {
        return Durations.parse(text).orElseThrow();
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        return list(array, JsonNode::asString);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
        List<T> out = new ArrayList<>();
        array.forEach(item -> out.add(each.apply(item)));
        return out;
    }
}
