package dev.pincer.core.config;

import com.networknt.schema.Schema;
import com.networknt.schema.walk.ApplyDefaultsStrategy;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.JsonSchemas;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Produces a plugin's effective settings: the config file's {@code [plugins.entries.<id>.config]}
 * with {@code ${NAME}} replaced from the environment, defaults filled in from the manifest's
 * config schema, and the result checked against that schema.
 *
 * <p>{@code $${} writes a literal {@code ${}. A reference to an unset name is an error, never an
 * empty string. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class PluginSettings {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * Carries the effective settings, or why there are none.
     *
     * @param settings the effective settings, or {@code null} when they are invalid
     * @param display the settings to show a person: defaults filled in, but {@code ${NAME}}
     *     references left as written so that secrets from the environment are never printed;
     *     {@code null} when the settings are invalid
     * @param diagnostics every finding
     */
    public record Result(JsonNode settings, JsonNode display, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        /** Returns the first error's message, or {@code null} when the settings are valid. */
        public String failure() {
            return diagnostics.stream()
                    .filter(Diagnostic::isError)
                    .map(Diagnostic::message)
                    .findFirst()
                    .orElse(null);
        }
    }

    private PluginSettings() {}

    /** Returns the effective settings of {@code manifest}'s plugin under {@code config}. */
    public static Result resolve(PluginManifest manifest, PincerConfig config, Map<String, String> env) {
        String id = manifest.id();
        PincerConfig.Entry entry = config.entries().get(id);
        JsonNode raw = entry == null || entry.config() == null ? null : entry.config();
        Path origin = entry == null ? null : entry.configOrigin();
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (manifest.configSchema() == null) {
            if (raw != null && !raw.isEmpty()) {
                diagnostics.add(Diagnostic.warning(
                        "config.no-settings",
                        id,
                        origin,
                        "plugin '" + id + "' takes no settings, so [plugins.entries." + id + ".config] is ignored",
                        "remove the table, or check the plugin id"));
            }
            return new Result(
                    JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), diagnostics);
        }
        ObjectNode settings = raw == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) raw.deepCopy();
        interpolate(settings, "", env, id, origin, diagnostics);
        if (!diagnostics.isEmpty()) {
            return new Result(null, null, diagnostics);
        }
        Schema schema = JsonSchemas.compile(manifest.configSchema());
        withDefaults(schema, settings)
                .getErrors()
                .forEach(error -> diagnostics.add(Diagnostic.error(
                        "config.invalid-settings",
                        id,
                        origin,
                        "settings of '" + id + "' are invalid: " + JsonSchemas.describe(error),
                        "fix [plugins.entries." + id + ".config]; `pincer plugins inspect " + id
                                + "` shows the schema")));
        if (!diagnostics.isEmpty()) {
            return new Result(null, null, diagnostics);
        }
        JsonNode display = settings.deepCopy();
        if (raw != null) {
            restoreReferences(raw, display);
        }
        return new Result(settings, display, diagnostics);
    }

    /** Fills in defaults from {@code schema} in place and returns the validation result. */
    private static com.networknt.schema.Result withDefaults(Schema schema, ObjectNode settings) {
        return schema.walk(
                settings,
                true,
                ctx -> ctx.walkConfig(w -> w.applyDefaultsStrategy(new ApplyDefaultsStrategy(true, true, true))));
    }

    /** Puts every string that had a {@code ${NAME}} reference back as written, so secrets stay hidden. */
    private static void restoreReferences(JsonNode raw, JsonNode display) {
        if (raw instanceof ObjectNode object && display instanceof ObjectNode target) {
            object.forEachEntry((key, value) -> {
                if (value.isString() && value.asString().contains("${")) {
                    target.put(key, value.asString());
                } else if (target.has(key)) {
                    restoreReferences(value, target.get(key));
                }
            });
        } else if (raw instanceof ArrayNode array && display instanceof ArrayNode target) {
            for (int i = 0; i < array.size() && i < target.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString() && value.asString().contains("${")) {
                    target.set(i, value.asString());
                } else {
                    restoreReferences(value, target.get(i));
                }
            }
        }
    }

    private static void interpolate(
            JsonNode node, String at, Map<String, String> env, String id, Path origin, List<Diagnostic> diagnostics) {
        if (node instanceof ObjectNode object) {
            for (String key : List.copyOf(object.propertyNames())) {
                JsonNode child = object.get(key);
                if (child.isString()) {
                    object.put(key, substitute(child.asString(), at + "." + key, env, id, origin, diagnostics));
                } else {
                    interpolate(child, at + "." + key, env, id, origin, diagnostics);
                }
            }
        } else if (node.isArray()) {
            var array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    array.set(i, substitute(array.get(i).asString(), at + "[" + i + "]", env, id, origin, diagnostics));
                } else {
                    interpolate(array.get(i), at + "[" + i + "]", env, id, origin, diagnostics);
                }
            }
        }
    }

    private static String substitute(
            String value, String at, Map<String, String> env, String id, Path origin, List<Diagnostic> diagnostics) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (name == null) {
                replacement = "${";
            } else if (env.containsKey(name)) {
                replacement = env.get(name);
            } else {
                diagnostics.add(Diagnostic.error(
                        "config.env-missing",
                        id,
                        origin,
                        "setting '" + at.substring(1) + "' of '" + id + "' refers to ${" + name
                                + "}, which is not set in the environment",
                        "export " + name + "=… before starting Pincer, or write $${ for a literal ${"));
                replacement = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
