package dev.pincer.core.runtime.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Turns a JVM plugin's {@code runtime.classpath} into the jar files to load, refusing any that
 * leave the plugin folder.
 *
 * <p>Stateless; thread-safe.
 */
final class PluginJars {

    /** The classpath used when the manifest lists none. */
    static final String DEFAULT_CLASSPATH = "lib/*.jar";

    private static final String GLOB_SUFFIX = "*.jar";

    private PluginJars() {}

    /**
     * Returns the real paths of the jars {@code entries} name, in order and without duplicates.
     *
     * <p>An entry whose last segment ends in {@code *.jar} names every file of its folder whose
     * name starts with what precedes the {@code *} and ends in {@code .jar}, sorted by name; hidden
     * files (names starting with {@code .}) are skipped, and a missing folder matches nothing.
     * Any other entry names one file, which must exist.
     *
     * @throws PluginLoadException if a jar is missing, outside the plugin folder after following
     *     symbolic links, not a regular file or not a readable jar, or if no jar is found at all
     */
    static List<Path> resolve(String pluginId, Path folder, List<String> entries) {
        Path root = realFolder(pluginId, folder);
        List<String> effective = entries.isEmpty() ? List.of(DEFAULT_CLASSPATH) : entries;
        Set<Path> jars = new LinkedHashSet<>();
        for (String entry : effective) {
            if (entry.endsWith(GLOB_SUFFIX)) {
                jars.addAll(glob(pluginId, root, entry));
            } else {
                jars.add(checked(pluginId, root, entry, root.resolve(entry)));
            }
        }
        if (jars.isEmpty()) {
            throw new PluginLoadException(
                    "runtime.no-jars",
                    pluginId,
                    folder,
                    "plugin '" + pluginId + "' has no jar: runtime.classpath " + effective + " matches no file in '"
                            + folder + "'",
                    "put the plugin's jars in lib/ inside the plugin folder, or list them in runtime.classpath");
        }
        return List.copyOf(jars);
    }

    private static Path realFolder(String pluginId, Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw noFolder(pluginId, folder, e);
        }
        if (!Files.isDirectory(real)) {
            throw noFolder(pluginId, folder, null);
        }
        return real;
    }

    private static PluginLoadException noFolder(String pluginId, Path folder, IOException cause) {
        return new PluginLoadException(
                "runtime.no-folder",
                pluginId,
                folder,
                "plugin '" + pluginId + "': its folder '" + folder + "' is not a readable directory",
                "check that the plugin is still installed where it was discovered",
                cause);
    }

    private static List<Path> glob(String pluginId, Path root, String entry) {
        int slash = entry.lastIndexOf('/');
        String dir = slash < 0 ? "" : entry.substring(0, slash);
        String prefix = entry.substring(slash + 1, entry.length() - GLOB_SUFFIX.length());
        Path folder = root.resolve(dir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> names;
        try (Stream<Path> children = Files.list(folder)) {
            names = children.map(child -> child.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && name.startsWith(prefix) && name.endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException(
                    "runtime.jar-unreadable",
                    pluginId,
                    folder,
                    "plugin '" + pluginId + "': cannot list classpath folder '" + dir + "': " + e,
                    "check the folder's permissions",
                    e);
        }
        List<Path> jars = new ArrayList<>();
        for (String name : names) {
            String shown = dir.isEmpty() ? name : dir + "/" + name;
            jars.add(checked(pluginId, root, shown, folder.resolve(name)));
        }
        return jars;
    }

    private static Path checked(String pluginId, Path root, String entry, Path jar) {
        Path real;
        try {
            real = jar.toRealPath();
        } catch (IOException e) {
            throw new PluginLoadException(
                    "runtime.jar-missing",
                    pluginId,
                    jar,
                    "plugin '" + pluginId + "': classpath entry '" + entry + "' does not exist",
                    "build the plugin so that the jar is at that path, or fix runtime.classpath in the manifest",
                    e);
        }
        if (!real.startsWith(root)) {
            throw new PluginLoadException(
                    "runtime.jar-outside-folder",
                    pluginId,
                    jar,
                    "plugin '" + pluginId + "': classpath entry '" + entry + "' resolves to '" + real
                            + "', outside the plugin folder '" + root + "'",
                    "copy the jar into the plugin folder instead of linking to it");
        }
        if (!Files.isRegularFile(real)) {
            throw new PluginLoadException(
                    "runtime.jar-not-a-file",
                    pluginId,
                    jar,
                    "plugin '" + pluginId + "': classpath entry '" + entry + "' is not a jar file",
                    "the jvm runtime loads jar files only; package classes and resources into a jar");
        }
        requireReadableJar(pluginId, entry, real);
        return real;
    }

    private static void requireReadableJar(String pluginId, String entry, Path jar) {
        try {
            // Opening reads the central directory: enough to tell a jar from another file.
            new JarFile(jar.toFile()).close();
        } catch (IOException | SecurityException e) {
            throw new PluginLoadException(
                    "runtime.jar-unreadable",
                    pluginId,
                    jar,
                    "plugin '" + pluginId + "': classpath entry '" + entry + "' is not a readable jar: "
                            + e.getMessage(),
                    "rebuild the jar, or remove it from the plugin folder",
                    e);
        }
    }
}
