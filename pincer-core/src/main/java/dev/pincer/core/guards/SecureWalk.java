package dev.pincer.core.guards;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks from a granted root to a file one name at a time through {@link SecureDirectoryStream}s
 * (openat on Linux), never following a symbolic link, so nothing swapped into the path after a
 * check can redirect the walk outside the root.
 *
 * <p>The root itself is entered from its real parent folder, also without following links. A
 * platform without {@code SecureDirectoryStream} gets no file access at all: there is no racy
 * fallback. Stateless and thread-safe.
 */
final class SecureWalk {

    private SecureWalk() {}

    /**
     * The folder that holds the last name of a walk, opened without following links, and that
     * name. Closing it closes the folder.
     *
     * @param folder the holding folder
     * @param name the last name, relative to {@code folder}
     * @param shown the requested path, for messages
     */
    record Located(SecureDirectoryStream<Path> folder, Path name, String shown) implements Closeable {

        /** Returns the attributes of {@link #name()} itself (a link is not followed), or {@code null} if absent. */
        BasicFileAttributes attributes() throws IOException {
            try {
                return folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            folder.close();
        }
    }

    /**
     * Opens the folder holding {@code names} under {@code realRoot}.
     *
     * @param realRoot the root's real path
     * @param names the names from the root to the target, empty for the root itself
     * @param shown the requested path, for messages
     * @throws Denial if a folder on the way is a symbolic link
     * @throws IOException if a folder on the way is missing or not a folder, or the platform lacks
     *     {@code SecureDirectoryStream}
     */
    static Located locate(Path realRoot, List<String> names, String shown) throws Denial, IOException {
        List<String> all = new ArrayList<>();
        Path base = realRoot.getParent();
        if (base == null) {
            throw new Denial(shown, "a file root at the top of the file system is not supported; grant a folder");
        }
        all.add(realRoot.getFileName().toString());
        all.addAll(names);
        SecureDirectoryStream<Path> folder = open(base);
        try {
            for (int i = 0; i < all.size() - 1; i++) {
                Path name = base.getFileSystem().getPath(all.get(i));
                SecureDirectoryStream<Path> next = enter(folder, name, shown);
                folder.close();
                folder = next;
            }
            return new Located(folder, base.getFileSystem().getPath(all.get(all.size() - 1)), shown);
        } catch (Denial | IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** Opens {@code name} in {@code folder} as a folder, refusing a link. */
    static SecureDirectoryStream<Path> enter(SecureDirectoryStream<Path> folder, Path name, String shown)
            throws Denial, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(shown, null, "folder '" + name + "' on the way does not exist");
        }
        if (attributes.isSymbolicLink()) {
            throw symbolicLink(shown, name);
        }
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(shown + " ('" + name + "' on the way is not a folder)");
        }
        // NOFOLLOW_LINKS makes this openat(O_NOFOLLOW): a link swapped in after the check fails here.
        return folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
    }

    /** Returns the refusal for a symbolic link met at {@code name}. */
    static Denial symbolicLink(String shown, Path name) {
        return new Denial(
                shown,
                "'" + name + "' is a symbolic link; Pincer does not follow links under a granted root,"
                        + " even ones that point inside it");
    }

    private static SecureDirectoryStream<Path> open(Path base) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(base);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform offers no SecureDirectoryStream for " + base
                + ", so Pincer cannot open files without a symbolic-link race; file access is refused");
    }
}
