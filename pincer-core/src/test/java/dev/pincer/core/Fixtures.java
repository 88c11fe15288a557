package dev.pincer.core;

import dev.pincer.core.config.HostLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes real plugin folders and config files for tests. */
public final class Fixtures {

    private Fixtures() {}

    /** Writes {@code root/folder/pincer-plugin.json} and returns the folder. */
    public static Path plugin(Path root, String folder, String manifestJson) {
        return file(root.resolve(folder).resolve("pincer-plugin.json"), manifestJson)
                .getParent();
    }

    /** Writes a minimal valid manifest with the given id, version and extra top-level JSON members. */
    public static Path plugin(Path root, String id, String version, String extraMembers) {
        String extra = extraMembers.isBlank() ? "" : ", " + extraMembers;
        return plugin(
                root,
                id,
                "{\"id\":\"" + id + "\",\"version\":\"" + version + "\",\"runtime\":{\"type\":\"jvm\"}" + extra + "}");
    }

    /** Writes {@code content} to {@code file}, creating folders. */
    public static Path file(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a layout with home {@code dir/home}, workspace {@code dir/ws}, no bundled plugins. */
    public static HostLayout layout(Path dir, Map<String, String> env) {
        return new HostLayout(dir.resolve("home"), dir.resolve("ws"), null, env);
    }

    /** Returns the home plugin root of {@code layout}. */
    public static Path homePlugins(HostLayout layout) {
        return layout.home().resolve("plugins");
    }

    /** Returns the workspace plugin root of {@code layout}. */
    public static Path workspacePlugins(HostLayout layout) {
        return layout.workspace().resolve(".pincer").resolve("plugins");
    }
}
