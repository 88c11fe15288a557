package dev.pincer.core.skills;

import dev.pincer.api.SkillSpec;
import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the text of a {@code SKILL.md}: YAML front matter between a first line {@code ---} and
 * the next {@code ---} line, then the Markdown instructions.
 *
 * <p>Every finding names the file and the line of {@code SKILL.md} it is on. Errors (no front
 * matter, malformed YAML, a missing or invalid {@code name} or {@code description}) mean the skill
 * is not loaded; warnings (a value of the wrong type for an optional key, which is then ignored, or
 * a {@code name} that differs from the folder's) leave it loaded. A name that differs from its
 * folder is only a warning because OpenClaw and other agents accept it and real published skills
 * rely on that; the front matter's name is the one used. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class SkillMarkdown {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonMapper LENIENT_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private SkillMarkdown() {}

    /**
     * What reading one {@code SKILL.md} gave.
     *
     * @param document the skill, or {@code null} when an error keeps it from loading
     * @param diagnostics every finding, errors first as found
     * @since 0.1.0
     */
    public record Result(SkillDocument document, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Reads {@code text}, the content of {@code file}.
     *
     * @param text the whole file
     * @param file where it came from, for findings
     * @param folderName the name of the skill's folder, compared with {@code name}; {@code null} to skip
     * @param pluginId the plugin the skill belongs to, or {@code null}
     */
    public static Result parse(String text, Path file, String folderName, String pluginId) {
        Objects.requireNonNull(text, "text");
        return new Reading(text, file, pluginId).read(folderName);
    }

    /** One reading of one file; collects findings. */
    private static final class Reading {
        private final String[] lines;
        private final Path file;
        private final String pluginId;
        private final List<Diagnostic> findings = new ArrayList<>();
        private int close;

        Reading(String text, Path file, String pluginId) {
            String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
            this.lines = body.split("\\R", -1);
            this.file = file;
            this.pluginId = pluginId;
        }

        Result read(String folderName) {
            if (!lines[0].strip().equals("---")) {
                error(
                        "skill.front-matter",
                        1,
                        "SKILL.md must start with a '---' line that opens the YAML front matter, but starts with \""
                                + shorten(lines[0]) + "\"",
                        "put 'name' and 'description' between two '---' lines at the top of the file");
                return new Result(null, findings);
            }
            close = 1;
            while (close < lines.length && !lines[close].strip().equals("---")) {
                close++;
            }
            if (close == lines.length) {
                error(
                        "skill.front-matter",
                        1,
                        "the front matter opened by '---' on line 1 is never closed by another '---' line",
                        "end the front matter with a line holding only '---'");
                return new Result(null, findings);
            }
            JsonNode tree = yaml();
            if (tree == null) {
                return new Result(null, findings);
            }
            String name = required(tree, "name");
            String description = required(tree, "description");
            if (name != null && !SkillSpec.isValidName(name)) {
                error(
                        "skill.name",
                        lineOf("name"),
                        "skill name \"" + shorten(name) + "\" is not valid: use lowercase letters, digits and single"
                                + " hyphens, not starting or ending with a hyphen, at most 64 characters",
                        "rename the skill, e.g. \"" + SkillNames.slug(name, "my-skill")
                                + "\", and its folder to match");
                name = null;
            }
            if (description != null && description.length() > SkillSpec.MAX_DESCRIPTION_LENGTH) {
                error(
                        "skill.description",
                        lineOf("description"),
                        "the description of skill '" + (name == null ? "?" : name) + "' has " + description.length()
                                + " characters, more than the 1024 allowed",
                        "shorten it to what the skill does and when to use it; move details into the body");
                description = null;
            }
            if (name == null || description == null) {
                return new Result(null, findings);
            }
            if (folderName != null && !folderName.equals(name)) {
                warning(
                        "skill.name-mismatch",
                        lineOf("name"),
                        "skill '" + name + "' is in a folder called '" + folderName + "'; it is loaded as '" + name
                                + "'",
                        "rename the folder to '" + name + "' so that the name is clear from the path");
            }
            JsonNode metadata = metadata(tree);
            int metadataLine = lineOf("metadata");
            SkillRequirements requirements = SkillRequirements.read(
                    metadata,
                    problem -> warning("skill.requirements", metadataLine, problem + "; it is ignored", null));
            SkillDocument document = new SkillDocument(
                    name,
                    description,
                    optionalText(tree, "license"),
                    allowedTools(tree),
                    optionalText(tree, "compatibility"),
                    flag(tree, "user-invocable", true),
                    flag(tree, "disable-model-invocation", false),
                    requirements,
                    metadata,
                    tree,
                    String.join("\n", Arrays.asList(lines).subList(close + 1, lines.length)),
                    close + 2);
            return new Result(document, findings);
        }

        private JsonNode yaml() {
            String text = String.join("\n", Arrays.asList(lines).subList(1, close));
            JsonNode tree;
            try {
                tree = text.isBlank() ? null : YAML.readTree(text);
            } catch (JacksonException e) {
                int line = e.getLocation() == null || e.getLocation().getLineNr() < 1
                        ? 2
                        : e.getLocation().getLineNr() + 1;
                String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
                error(
                        "skill.yaml",
                        line,
                        "the front matter is not valid YAML: " + yamlProblem(what),
                        "fix the YAML on that line; quote a value that holds ': ' or starts with a special"
                                + " character");
                return null;
            }
            if (tree == null || !tree.isObject()) {
                error(
                        "skill.front-matter",
                        2,
                        "the front matter must be a mapping of keys to values such as 'name: my-skill', but is "
                                + (tree == null
                                        ? "empty"
                                        : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)),
                        "write 'name:' and 'description:' lines between the '---' lines");
                return null;
            }
            return tree;
        }

        private String required(JsonNode tree, String key) {
            JsonNode node = tree.path(key);
            if (node.isMissingNode() || node.isNull()) {
                error(
                        "skill.field",
                        close + 1,
                        "the front matter has no '" + key + "', which every skill needs",
                        "add a '" + key + ":' line to the front matter");
                return null;
            }
            if (!node.isValueNode() || node.asString("").isBlank()) {
                error(
                        "skill.field",
                        lineOf(key),
                        "'" + key + "' must be non-empty text, but is " + shorten(node.toString()),
                        "write '" + key + ": ' followed by text");
                return null;
            }
            return node.asString().strip();
        }

        private String optionalText(JsonNode tree, String key) {
            JsonNode node = tree.path(key);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.isValueNode()) {
                warning(
                        "skill.field",
                        lineOf(key),
                        "'" + key + "' must be text, but is " + shorten(node.toString()) + "; it is ignored",
                        null);
                return null;
            }
            return node.asString();
        }

        private boolean flag(JsonNode tree, String key, boolean fallback) {
            JsonNode node = tree.path(key);
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            if (node.isBoolean()) {
                return node.asBoolean();
            }
            if (node.isString()
                    && (node.asString().equals("true") || node.asString().equals("false"))) {
                return Boolean.parseBoolean(node.asString());
            }
            warning(
                    "skill.field",
                    lineOf(key),
                    "'" + key + "' must be true or false, but is " + shorten(node.toString()) + "; " + fallback
                            + " is used",
                    null);
            return fallback;
        }

        private List<String> allowedTools(JsonNode tree) {
            JsonNode node = tree.path("allowed-tools");
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (node.isString()) {
                return Arrays.stream(node.asString().strip().split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .toList();
            }
            if (node.isArray()) {
                List<String> tools = new ArrayList<>();
                for (JsonNode item : node) {
                    if (item.isString() && !item.asString().isBlank()) {
                        tools.add(item.asString().strip());
                    } else {
                        warning(
                                "skill.field",
                                lineOf("allowed-tools"),
                                "'allowed-tools' lists " + item + ", which is not a tool name; it is ignored",
                                null);
                    }
                }
                return tools;
            }
            warning(
                    "skill.field",
                    lineOf("allowed-tools"),
                    "'allowed-tools' must be a space-separated text or a list, but is " + shorten(node.toString())
                            + "; it is ignored",
                    null);
            return List.of();
        }

        private JsonNode metadata(JsonNode tree) {
            JsonNode node = tree.path("metadata");
            if (node.isObject()) {
                return node;
            }
            if (node.isString()) {
                try {
                    JsonNode parsed = LENIENT_JSON.readTree(node.asString());
                    if (parsed != null && parsed.isObject()) {
                        return parsed;
                    }
                } catch (JacksonException e) {
                    // Reported below, like any other metadata that is not an object.
                }
            }
            if (!node.isMissingNode() && !node.isNull()) {
                warning(
                        "skill.field",
                        lineOf("metadata"),
                        "'metadata' must be a mapping (or a JSON object), but is " + shorten(node.toString())
                                + "; it is ignored",
                        null);
            }
            return JsonNodeFactory.instance.objectNode();
        }

        /** Returns the line of SKILL.md on which the top-level {@code key} is written, else the opening line. */
        private int lineOf(String key) {
            Pattern pattern = Pattern.compile("^" + Pattern.quote(key) + "\\s*:");
            for (int i = 1; i < close; i++) {
                if (pattern.matcher(lines[i]).find()) {
                    return i + 1;
                }
            }
            return 1;
        }

        private void error(String code, int line, String message, String hint) {
            findings.add(Diagnostic.error(code, pluginId, file, where(line) + message, hint));
        }

        private void warning(String code, int line, String message, String hint) {
            findings.add(Diagnostic.warning(code, pluginId, file, where(line) + message, hint));
        }

        private String where(int line) {
            return file + ":" + line + ": ";
        }
    }

    /** Returns snakeyaml's message without its indented location and snippet lines. */
    private static String yamlProblem(String message) {
        String kept = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .collect(java.util.stream.Collectors.joining("; "));
        return kept.isEmpty() ? message.strip() : kept;
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
