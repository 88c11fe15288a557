package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.manifest.VersionRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates a plugin index document (the format is described on {@link PluginIndex}),
 * collecting every problem before refusing it.
 *
 * <p>Stateless and thread-safe.
 */
final class IndexParser {

    /** Largest index document read, in bytes. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*([._-][a-z0-9]+)*");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_PROBLEMS = 20;
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxDocumentLength(MAX_BYTES)
                            .maxStringLength(64 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private final String location;
    private final List<String> problems = new ArrayList<>();
    private final List<IndexEntry> entries = new ArrayList<>();

    private IndexParser(String location) {
        this.location = location;
    }

    /**
     * Returns the index {@code bytes} hold.
     *
     * @param location where they were read from, named in messages
     * @throws PincerException listing every problem found, each naming the plugin and field
     */
    static PluginIndex parse(byte[] bytes, String location) {
        IndexParser parser = new IndexParser(location);
        JsonNode doc;
        try {
            doc = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new PincerException(
                    "install.index-invalid",
                    null,
                    null,
                    "plugin index " + location + " is not valid JSON: " + e.getOriginalMessage(),
                    "fix the index file, or ask its publisher to");
        }
        parser.document(doc);
        if (!parser.problems.isEmpty()) {
            List<String> shown = parser.problems.subList(0, Math.min(MAX_PROBLEMS, parser.problems.size()));
            throw new PincerException(
                    "install.index-invalid",
                    null,
                    null,
                    "plugin index " + location + " is invalid: " + String.join("; ", shown)
                            + (parser.problems.size() > MAX_PROBLEMS
                                    ? "; and " + (parser.problems.size() - MAX_PROBLEMS) + " more"
                                    : ""),
                    "fix the index (format: {\"schema\": 1, \"plugins\": [{\"id\", \"versions\": [{\"version\","
                            + " \"url\", \"sha256\"}]}]}), or ask its publisher to");
        }
        return new PluginIndex(location, parser.entries);
    }

    private void document(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            problems.add("the document must be a JSON object");
            return;
        }
        JsonNode schema = doc.path("schema");
        if (!schema.isIntegralNumber() || schema.asInt() != 1) {
            problems.add("field 'schema' must be 1 (this Pincer reads index schema 1), got " + shown(schema));
            return;
        }
        JsonNode plugins = doc.path("plugins");
        if (!plugins.isArray()) {
            problems.add("field 'plugins' must be an array, got " + shown(plugins));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < plugins.size(); i++) {
            plugin(plugins.get(i), "plugins[" + i + "]", ids);
        }
    }

    private void plugin(JsonNode node, String where, Set<String> ids) {
        if (!node.isObject()) {
            problems.add(where + " must be an object");
            return;
        }
        String id = text(node, "id", where, true);
        if (id == null) {
            return;
        }
        if (id.length() < 2 || id.length() > 64 || !ID.matcher(id).matches()) {
            problems.add(where + " field 'id' must be 2 to 64 lower-case letters and digits separated by"
                    + " '-', '_' or '.', got '" + id + "'");
            return;
        }
        if (!ids.add(id)) {
            problems.add("plugin '" + id + "' is listed twice");
            return;
        }
        String at = "plugin '" + id + "'";
        String name = text(node, "name", at, false);
        String description = text(node, "description", at, false);
        JsonNode versions = node.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            problems.add(at + " field 'versions' must be a non-empty array");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            version(versions.get(i), id, name, description, at + " versions[" + i + "]", seen);
        }
    }

    private void version(JsonNode node, String id, String name, String description, String where, Set<String> seen) {
        if (!node.isObject()) {
            problems.add(where + " must be an object");
            return;
        }
        int before = problems.size();
        String version = text(node, "version", where, true);
        if (version != null && SemanticVersion.parse(version).isEmpty()) {
            problems.add(where + " field 'version' must be a semantic version (e.g. 1.2.0), got '" + version + "'");
        } else if (version != null && !seen.add(version)) {
            problems.add(where + " repeats version '" + version + "'");
        }
        String url = text(node, "url", where, true);
        String sha256 = text(node, "sha256", where, true);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            problems.add(where + " field 'sha256' must be 64 hex digits, got '" + sha256 + "'");
        }
        String pincer = text(node, "pincer", where, false);
        if (pincer != null && VersionRange.parse(pincer).isEmpty()) {
            problems.add(where + " field 'pincer' must be a version range (e.g. >=0.1.0), got '" + pincer + "'");
        }
        if (problems.size() == before) {
            entries.add(new IndexEntry(
                    id, name, description, version, url, sha256.toLowerCase(Locale.ROOT), pincer, location));
        }
    }

    private String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(where + " lacks the field '" + field + "'");
            }
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            problems.add(where + " field '" + field + "' must be a non-empty string, got " + shown(value));
            return null;
        }
        return value.asString();
    }

    private static String shown(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
