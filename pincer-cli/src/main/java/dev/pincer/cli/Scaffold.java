package dev.pincer.cli;

import dev.pincer.core.skills.SkillNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/**
 * A plugin project to be written: its kind, the names derived from its id, and the template files
 * (resources under {@code dev/pincer/cli/templates/<kind>/}, listed in that folder's {@code
 * files.txt}) with {@code {{name}}} placeholders filled in.
 *
 * <p>Immutable and thread-safe; {@link #writeTo} touches only the folder it is given and a
 * temporary sibling of it.
 *
 * @param kind the plugin's runtime
 * @param id the plugin id
 * @param javaPackage the Java package of a jvm plugin's classes
 * @param pincerVersion the Pincer version the project is built against
 */
record Scaffold(Kind kind, String id, String javaPackage, String pincerVersion) {

    /** The plugin id rule of the manifest schema ({@code $defs.pluginId} in pincer-plugin.schema.json). */
    static final Pattern PLUGIN_ID = Pattern.compile("^[a-z][a-z0-9]*([._-][a-z0-9]+)*$");

    /** The shortest and longest plugin id the manifest schema allows. */
    static final int MIN_ID_LENGTH = 2;

    static final int MAX_ID_LENGTH = 64;

    /** Keeps {@code <prefix>_greet} well inside the 64 characters of a tool name and 48 of a namespace. */
    private static final int MAX_TOOL_PREFIX = 40;

    private static final int MAX_COMMAND = 32;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    /** The runtimes a project can be created for, by their names in the manifest. */
    enum Kind {
        JVM,
        WASM,
        MCP,
        SKILLS;

        /** Returns the name used in manifests and on the command line, e.g. {@code jvm}. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns the kind called {@code label}, or {@code null} when there is none. */
        static Kind of(String label) {
            return Arrays.stream(values())
                    .filter(k -> k.label().equals(label))
                    .findFirst()
                    .orElse(null);
        }

        /** Returns every label, comma-separated, for messages. */
        static String labels() {
            return Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", "));
        }
    }

    /** Returns whether {@code id} follows the manifest's plugin id rule. */
    static boolean isValidId(String id) {
        return id.length() >= MIN_ID_LENGTH
                && id.length() <= MAX_ID_LENGTH
                && PLUGIN_ID.matcher(id).matches();
    }

    /**
     * Returns the default Java package for {@code id}: {@code com.example.} followed by the id's
     * dot-separated parts, hyphens as underscores, a part that is not a Java identifier prefixed
     * with an underscore.
     */
    static String defaultPackage(String id) {
        return "com.example."
                + Arrays.stream(id.split("\\."))
                        .map(part -> part.replace('-', '_'))
                        .map(part ->
                                SourceVersion.isIdentifier(part) && !SourceVersion.isKeyword(part) ? part : "_" + part)
                        .collect(Collectors.joining("."));
    }

    /** Returns the plugin class's simple name, e.g. {@code WeatherPlugin} for {@code weather}. */
    String className() {
        String words = Arrays.stream(id.split("[._-]"))
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining());
        return words.endsWith("Plugin") ? words : words + "Plugin";
    }

    /** Returns the prefix of the sample tool's name, which is also an mcp plugin's namespace. */
    String toolPrefix() {
        return trimEnd(id.replace('.', '_').replace('-', '_'), MAX_TOOL_PREFIX);
    }

    /** Returns the name of the sample tool as Pincer lists it. */
    String tool() {
        return toolPrefix() + "_greet";
    }

    /** Returns the name of a jvm plugin's slash command. */
    String command() {
        return trimEnd(id.replace('.', '-'), MAX_COMMAND);
    }

    /** Returns the name of a skills plugin's skill. */
    String skill() {
        return SkillNames.slug(id, "my-skill");
    }

    /** Returns each placeholder's value. */
    Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("package", javaPackage);
        values.put("packagePath", javaPackage.replace('.', '/'));
        values.put("className", className());
        values.put("tool", tool());
        values.put("namespace", toolPrefix());
        values.put("command", command());
        values.put("skill", skill());
        values.put("pincerVersion", pincerVersion);
        return values;
    }

    /** Returns {@code template} with every {@code {{name}}} replaced by its value. */
    String render(String template) {
        Map<String, String> values = placeholders();
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder {{" + matcher.group(1) + "}} has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    /** One file of the project: where it goes, its text, and whether it is a script to run. */
    record File(String path, String text, boolean executable) {}

    /** Returns the project's files, rendered, in the order of the kind's {@code files.txt}. */
    List<File> files() {
        List<File> files = new ArrayList<>();
        for (String line : resource("files.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split(" +");
            files.add(new File(
                    render(fields[1]), render(resource(fields[0])), fields.length > 2 && fields[2].equals("+x")));
        }
        return files;
    }

    /**
     * Writes the project into {@code target}, which must not exist or be an empty folder: first into
     * a temporary sibling, then moved into place, so a failure leaves nothing behind.
     *
     * @return the files written, relative to {@code target}
     * @throws UncheckedIOException when a file cannot be written or the folder cannot be moved
     */
    List<String> writeTo(Path target) {
        List<File> files = files();
        Path parent = target.toAbsolutePath().getParent();
        Path staging = parent.resolve("." + target.getFileName() + ".creating-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(staging);
            for (File file : files) {
                Path path = staging.resolve(file.path());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.text(), StandardCharsets.UTF_8);
                if (file.executable()) {
                    makeExecutable(path);
                }
            }
            moveInto(staging, target);
        } catch (IOException e) {
            deleteQuietly(staging, e);
            throw new UncheckedIOException("cannot write the new plugin project to " + target + ": " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(staging, e);
            throw e;
        }
        return files.stream().map(File::path).toList();
    }

    /** Moves {@code staging} to {@code target}, which may be an empty folder; one that is stays if the move fails. */
    private static void moveInto(Path staging, Path target) throws IOException {
        boolean wasEmptyFolder = Files.isDirectory(target);
        if (wasEmptyFolder) {
            Files.delete(target); // refuses a folder that is no longer empty
        }
        try {
            Files.move(staging, target);
        } catch (IOException e) {
            if (wasEmptyFolder) {
                try {
                    Files.createDirectory(target);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
    }

    private String resource(String name) {
        String path = "templates/" + kind.label() + "/" + name;
        try (InputStream in = Scaffold.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + " is missing from the pincer-cli jar");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().collect(Collectors.joining("\n", "", "\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + path, e);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            permissions.addAll(EnumSet.of(
                    PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(file, permissions);
        }
    }

    private static void deleteQuietly(Path folder, Exception cause) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static String trimEnd(String text, int max) {
        String cut = text.length() <= max ? text : text.substring(0, max);
        int end = cut.length();
        while (end > 0 && (cut.charAt(end - 1) == '_' || cut.charAt(end - 1) == '-')) {
            end--;
        }
        return cut.substring(0, end);
    }
}
