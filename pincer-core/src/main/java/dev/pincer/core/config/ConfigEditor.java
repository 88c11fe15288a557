package dev.pincer.core.config;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.io.AtomicFiles;
import dev.pincer.core.manifest.Formats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Changes the home {@code config.toml} for {@code pincer plugins enable|disable}: reads it, checks
 * it, changes one setting and replaces the file atomically (write a sibling, flush to disk,
 * rename), so a crash leaves either the old file or the new one.
 *
 * <p>A file with errors is never rewritten (its content would be lost). The change is made in the
 * text where it can be: the {@code enabled} line of the plugin's {@code [plugins.entries.<id>]}
 * table is replaced, or added under that table, or the table is appended; the result is read back
 * and must equal the intended settings, so comments, order and layout stay as the person wrote
 * them. Anything else (an inline or dotted entry, an allow list to extend) is rewritten whole by
 * the TOML library, which cannot carry comments over: a commented file is then first copied to
 * {@code config.toml.bak} and the caller is told. Not safe for concurrent edits of one file from
 * several processes; safe to share between threads of one process only if callers serialise.
 *
 * @since 0.1.0
 */
public final class ConfigEditor {

    private static final Pattern COMMENT = Pattern.compile("(?m)^\\s*#");

    private final ConfigLoader loader;
    private final TomlMapper toml = Formats.toml();

    /** Creates an editor that checks files with {@code loader}. */
    public ConfigEditor(ConfigLoader loader) {
        this.loader = loader;
    }

    /**
     * Sets {@code [plugins.entries.<id>] enabled} in {@code file}, creating the file if needed.
     *
     * @return what was changed, one sentence per line, for the person who asked
     * @throws PincerException if the file has errors, enabling conflicts with its deny list, or
     *     the file cannot be written
     */
    public List<String> setEnabled(Path file, String id, boolean enabled) {
        List<Diagnostic> problems = new ArrayList<>();
        Optional<JsonNode> current = loader.readTree(file, problems);
        if (current.isEmpty() && Files.exists(file)) {
            String first =
                    problems.isEmpty() ? "it cannot be read" : problems.get(0).message();
            throw new PincerException(
                    "config.edit-refused",
                    id,
                    file,
                    "cannot change " + file + ": " + first,
                    "fix the file by hand first (`pincer plugins doctor` lists its problems); nothing was changed");
        }
        ObjectNode root = current.map(n -> (ObjectNode) n).orElseGet(toml::createObjectNode);
        ObjectNode plugins = root.withObjectProperty("plugins");
        List<String> changes = new ArrayList<>();
        if (enabled) {
            if (contains(plugins.get("deny"), id)) {
                throw new PincerException(
                        "config.denied",
                        id,
                        file,
                        "'" + id + "' is listed in plugins.deny in " + file + ", and deny wins over enable",
                        "remove it from plugins.deny if you trust it; nothing was changed");
            }
            if (plugins.has("allow") && !contains(plugins.get("allow"), id)) {
                ((ArrayNode) plugins.get("allow")).add(id);
                changes.add("added '" + id + "' to plugins.allow in " + file);
            }
        }
        plugins.withObjectProperty("entries").withObjectProperty(id).put("enabled", enabled);
        changes.add((enabled ? "enabled" : "disabled") + " '" + id + "' in " + file);
        Optional<String> edited = changes.size() == 1 ? editInPlace(file, id, enabled, root) : Optional.empty();
        if (edited.isPresent()) {
            write(file, edited.get());
            return changes;
        }
        backupIfCommented(file)
                .ifPresent(backup -> changes.add(
                        "comments in " + file + " cannot be kept; the previous file was copied to " + backup));
        write(file, toml.writeValueAsString(root));
        return changes;
    }

    /**
     * Returns the file's text with {@code enabled} set in the plugin's table, when a line edit can
     * do it and reading the result back gives exactly {@code intended}; empty otherwise.
     */
    private Optional<String> editInPlace(Path file, String id, boolean enabled, JsonNode intended) {
        String text;
        try {
            text = Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return Optional.empty();
        }
        String value = Boolean.toString(enabled);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        Pattern header = Pattern.compile("^\\s*\\[\\s*plugins\\s*\\.\\s*entries\\s*\\.\\s*(" + Pattern.quote(id) + "|\""
                + Pattern.quote(id) + "\")\\s*\\]\\s*(#.*)?$");
        int table = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (header.matcher(lines.get(i)).matches()) {
                table = i;
                break;
            }
        }
        if (table < 0) {
            String key = id.matches("[A-Za-z0-9_-]+") ? id : "\"" + id + "\"";
            String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            return verified(text + separator + "[plugins.entries." + key + "]\nenabled = " + value + "\n", intended);
        }
        Pattern setting = Pattern.compile("^(\\s*enabled\\s*=\\s*)(true|false)(\\s*(#.*)?)$");
        for (int i = table + 1; i < lines.size() && !lines.get(i).trim().startsWith("["); i++) {
            java.util.regex.Matcher m = setting.matcher(lines.get(i));
            if (m.matches()) {
                lines.set(i, m.group(1) + value + m.group(3));
                return verified(String.join("\n", lines), intended);
            }
        }
        lines.add(table + 1, "enabled = " + value);
        return verified(String.join("\n", lines), intended);
    }

    private Optional<String> verified(String text, JsonNode intended) {
        try {
            JsonNode read = text.isBlank() ? toml.createObjectNode() : toml.readTree(text);
            return read.equals(intended) ? Optional.of(text) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // not valid TOML after the edit: rewrite the file whole instead
        }
    }

    private static boolean contains(JsonNode array, String id) {
        if (array == null) {
            return false;
        }
        for (JsonNode item : array) {
            if (id.equals(item.asString())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> backupIfCommented(Path file) {
        try {
            if (!Files.exists(file) || !COMMENT.matcher(Files.readString(file)).find()) {
                return Optional.empty();
            }
            Path backup = file.resolveSibling(file.getFileName() + ".bak");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            return Optional.of(backup);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static PincerException failure(Path file, IOException e) {
        return new PincerException(
                "config.write-failed",
                null,
                file,
                "cannot write " + file + ": " + e.getMessage(),
                "check that the folder exists and is writable; the previous file is unchanged");
    }
}
