package dev.pincer.core.discovery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Names a folder Pincer looks for plugins in: either a folder of plugin folders, or (for config
 * paths) a single plugin folder.
 *
 * <p>Immutable.
 *
 * @param kind where the root comes from
 * @param path the folder
 * @param rank precedence: when two roots hold the same plugin id, the higher rank wins
 * @param origin where the root was named, for messages (e.g. {@code "/home/me/.pincer/config.toml"})
 * @since 0.1.0
 */
public record PluginRoot(RootKind kind, Path path, int rank, String origin) {

    public PluginRoot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
    }

    /** Returns a description such as {@code "workspace root /w/.pincer/plugins"}. */
    public String describe() {
        return kind.label() + " root " + path;
    }
}
