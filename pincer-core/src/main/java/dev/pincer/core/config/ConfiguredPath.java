package dev.pincer.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Names a plugin root listed in a config file's {@code [plugins] paths}.
 *
 * <p>Immutable.
 *
 * @param path the folder, resolved against the config file's folder
 * @param origin the config file that lists it
 * @since 0.1.0
 */
public record ConfiguredPath(Path path, Path origin) {

    public ConfiguredPath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
    }
}
