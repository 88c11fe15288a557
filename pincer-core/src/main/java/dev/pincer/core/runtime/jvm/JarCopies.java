package dev.pincer.core.runtime.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the private jar copies one loaded generation of a JVM plugin reads, so that the plugin's
 * own jars can be rewritten while it runs.
 *
 * <p>Stateless; thread-safe. Each copy folder is new and unique, so two processes sharing a
 * Pincer home never touch each other's copies.
 */
final class JarCopies {

    private JarCopies() {}

    /**
     * Copies {@code jars}, in order, into a new folder under {@code root}; the copies are named so
     * that {@link #list} returns them in the same order.
     *
     * @throws PluginLoadException if the copies cannot be made
     */
    static Path copy(String pluginId, List<Path> jars, Path root) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory(Files.createDirectories(root), pluginId + "-");
            for (int i = 0; i < jars.size(); i++) {
                Files.copy(
                        jars.get(i),
                        folder.resolve(String.format("%04d-%s", i, jars.get(i).getFileName())),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            return folder;
        } catch (IOException e) {
            try {
                if (folder != null) {
                    delete(folder);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new PluginLoadException(
                    "runtime.jar-copy",
                    pluginId,
                    null,
                    "cannot copy the jars of plugin '" + pluginId + "' to " + root + ": " + e.getMessage(),
                    "check that the disk has space and that Pincer may write to " + root);
        }
    }

    /** Returns the copies in {@code folder}, in the order they were given to {@link #copy}. */
    static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the jar copies in " + folder, e);
        }
    }

    /** Deletes a copy folder and what is in it. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
