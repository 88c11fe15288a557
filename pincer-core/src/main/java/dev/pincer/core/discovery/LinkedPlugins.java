package dev.pincer.core.discovery;

import dev.pincer.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plugin folders a person linked into the home root on purpose ({@code pincer plugins install
 * --link}): the file {@code .links} in the root names each link and the folder it points at.
 *
 * <p>Discovery refuses a plugin folder whose real location lies outside its root, so that a stray
 * or planted link cannot pull in a folder from elsewhere; a link listed here, pointing where the
 * list says, is the exception. Only the home root has such a list: a workspace, which may come from
 * a checked-out repository, cannot link in folders from outside itself.
 *
 * <p>Stateless; each call reads or replaces the file. Not safe against two processes changing the
 * list at the same moment (the last write wins).
 *
 * @since 0.1.0
 */
public final class LinkedPlugins {

    /** The file name of the list inside the home plugin root. */
    public static final String FILE = ".links";

    private LinkedPlugins() {}

    /**
     * Returns each linked folder name in {@code root} with the real folder it was linked to; empty
     * when there is no list or it cannot be read.
     */
    public static Map<String, Path> read(Path root) {
        try {
            return load(root);
        } catch (IOException e) {
            // An unreadable list grants nothing: every outside link is refused as before.
            return new TreeMap<>();
        }
    }

    private static Map<String, Path> load(Path root) throws IOException {
        Map<String, Path> links = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(root.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return links;
        }
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                links.put(line.substring(0, tab), Path.of(line.substring(tab + 1)));
            }
        }
        return links;
    }

    /**
     * Adds (or replaces) {@code name} linked to {@code target} in the list of {@code root}.
     *
     * @throws IOException if the list cannot be read or written; it is then unchanged
     */
    public static void add(Path root, String name, Path target) throws IOException {
        Map<String, Path> links = load(root);
        links.put(name, target.toRealPath());
        write(root, links);
    }

    /**
     * Removes {@code name} from the list of {@code root}; nothing happens when it is not listed.
     *
     * @throws IOException if the list cannot be read or written; it is then unchanged
     */
    public static void remove(Path root, String name) throws IOException {
        Map<String, Path> links = load(root);
        if (links.remove(name) != null) {
            write(root, links);
        }
    }

    /** Returns whether {@code folder}, a child of {@code root}, is a listed link to {@code real}. */
    static boolean allows(Map<String, Path> links, Path folder, Path real) {
        Path listed = links.get(folder.getFileName().toString());
        return listed != null && listed.equals(real) && Files.isSymbolicLink(folder);
    }

    private static void write(Path root, Map<String, Path> links) throws IOException {
        StringBuilder text = new StringBuilder();
        links.forEach(
                (name, target) -> text.append(name).append('\t').append(target).append('\n'));
        AtomicFiles.write(root.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
