package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.manifest.ManifestFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the folder holding a plugin's manifest in what was fetched: the folder itself, or its one
 * sub-folder when it holds nothing else (as archives made by GitHub and {@code tar} do).
 *
 * <p>Stateless and thread-safe.
 */
final class PluginFolder {

    private PluginFolder() {}

    /**
     * Returns the folder in {@code root} that holds {@code pincer-plugin.json} or {@code .toml}.
     *
     * @param source the source as the user gave it, for the message
     * @throws PincerException saying that no manifest was found and where it was looked for
     */
    static Path locate(Path root, String source) {
        if (hasManifest(root)) {
            return root;
        }
        List<Path> children = children(root);
        if (children.size() == 1
                && Files.isDirectory(children.get(0), LinkOption.NOFOLLOW_LINKS)
                && hasManifest(children.get(0))) {
            return children.get(0);
        }
        throw new PincerException(
                "install.no-manifest",
                null,
                root,
                "'" + source + "' is not a plugin: it has no " + ManifestFormat.JSON.fileName() + " or "
                        + ManifestFormat.TOML.fileName() + " at its top, nor in a single top-level folder",
                "point at the folder that holds the manifest, or create one with 'pincer plugins create'");
    }

    private static boolean hasManifest(Path folder) {
        for (ManifestFormat format : ManifestFormat.values()) {
            if (Files.isRegularFile(folder.resolve(format.fileName()), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> children(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> !p.getFileName().toString().equals(".git"))
                    .limit(2)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }
}
