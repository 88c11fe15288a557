package dev.pincer.core.manifest;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Names the two manifest file formats; both carry the same structure.
 *
 * @since 0.1.0
 */
public enum ManifestFormat {
    /** {@code pincer-plugin.json}. */
    JSON("pincer-plugin.json"),
    /** {@code pincer-plugin.toml}. */
    TOML("pincer-plugin.toml");

    private final String fileName;

    ManifestFormat(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the manifest's file name in a plugin folder. */
    public String fileName() {
        return fileName;
    }

    /** Returns the format of a file by its name, if it is a manifest. */
    public static Optional<ManifestFormat> of(Path file) {
        Path name = file.getFileName();
        for (ManifestFormat format : values()) {
            if (name != null && name.toString().equals(format.fileName)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
