package dev.pincer.core.manifest;

import com.networknt.schema.Error;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns the schema validator's errors into diagnostics a person can act on: the offending value
 * quoted, the rule's description as the hint, and "did you mean" for unknown keys and enum
 * values. Unknown keys are warnings (ignored), everything else is an error.
 *
 * <p>Stateless apart from the schema document it reads; thread-safe.
 *
 * @since 0.1.0
 */
public final class SchemaFindings {

    private static final int QUOTE_LIMIT = 80;

    private final JsonNode schemaDocument;
    private final String area;

    /**
     * Creates a translator for errors against {@code schemaDocument}; codes start with {@code area}
     * (e.g. {@code manifest} gives {@code manifest.schema} and {@code manifest.unknown-key}).
     */
    public SchemaFindings(JsonNode schemaDocument, String area) {
        this.schemaDocument = schemaDocument;
        this.area = area;
    }

    /** Returns one diagnostic per error. */
    public List<Diagnostic> describe(List<Error> errors, String pluginId, Path file) {
        List<Diagnostic> out = new ArrayList<>();
        for (Error error : errors) {
            out.add(describe(error, pluginId, file));
        }
        return out;
    }

    private Diagnostic describe(Error error, String pluginId, Path file) {
        String where = where(error.getInstanceLocation().toString());
        JsonNode rule = ruleOwner(error);
        if ("additionalProperties".equals(error.getKeyword())) {
            String key = error.getProperty();
            String hint = Suggestions.closest(key, rule.path("properties").propertyNames())
                    .map(s -> "did you mean '" + s + "'? Known keys here: " + known(rule))
                    .orElse("known keys here: " + known(rule));
            return Diagnostic.warning(
                    area + ".unknown-key",
                    pluginId,
                    file,
                    "unknown key '" + key + "' in " + where + " (ignored)",
                    hint);
        }
        String message = where + ": " + quoted(error.getInstanceNode()) + error.getMessage();
        String hint = rule.path("description").asString(null);
        if ("enum".equals(error.getKeyword())) {
            List<String> allowed = new ArrayList<>();
            rule.path("enum").forEach(v -> allowed.add(v.asString()));
            message = where + ": " + quoted(error.getInstanceNode()) + "is not one of the allowed values";
            String all = "allowed: " + String.join(", ", allowed);
            JsonNode value = error.getInstanceNode();
            hint = value != null && value.isString()
                    ? Suggestions.closest(value.asString(), allowed)
                            .map(s -> "did you mean '" + s + "'? " + all)
                            .orElse(all)
                    : all;
        }
        if (hint == null) {
            hint = "see the rule in the " + schemaDocument.path("title").asString("schema") + " (" + error.getKeyword()
                    + ")";
        }
        if ("required".equals(error.getKeyword())) {
            hint = "add '" + error.getProperty() + "' to " + where;
        }
        return Diagnostic.error(area + ".schema", pluginId, file, message, hint);
    }

    /** Returns the schema object the failed keyword belongs to (the parent of the keyword). */
    private JsonNode ruleOwner(Error error) {
        String location = error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String pointer = hash < 0 ? "" : location.substring(hash + 1);
        int slash = pointer.lastIndexOf('/');
        String parent = slash <= 0 ? "" : pointer.substring(0, slash);
        try {
            return schemaDocument.at(parent);
        } catch (IllegalArgumentException e) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String known(JsonNode rule) {
        return String.join(
                ", ",
                rule.path("properties").propertyNames().stream()
                        .filter(k -> !k.startsWith("$"))
                        .toList());
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "the top level" : "'" + pointer.substring(1).replace('/', '.') + "'";
    }

    private static String quoted(JsonNode value) {
        if (value == null || !value.isValueNode()) {
            return "";
        }
        String text = value.isString() ? value.asString() : value.toString();
        if (text.length() > QUOTE_LIMIT) {
            text = text.substring(0, QUOTE_LIMIT) + "…";
        }
        return "'" + text + "' ";
    }
}
