package dev.pincer.api.access;

import java.io.IOException;
import java.util.List;

/**
 * Reads and writes files under the paths the plugin was granted, in the modes it was granted.
 *
 * <p>Paths are absolute, or relative to the first granted root. A path is resolved on the file
 * system as it is opened, so a symbolic link or hard link that leads outside the granted roots is
 * refused, and a link swapped in after a check cannot redirect the open. Thread-safe.
 *
 * @since 0.1.0
 */
public interface FileAccess {

    /**
     * Reads a whole file.
     *
     * @param path the file
     * @return its bytes
     * @throws AccessDeniedException if the path is outside the read grant
     * @throws IOException if the file cannot be read or is larger than the host's limit
     */
    byte[] read(String path) throws IOException;

    /**
     * Writes a whole file, replacing it.
     *
     * @param path the file; its folder must exist
     * @param content the new content
     * @throws AccessDeniedException if the path is outside the write grant
     * @throws IOException if the file cannot be written
     */
    void write(String path, byte[] content) throws IOException;

    /**
     * Lists the names in a folder, sorted.
     *
     * @param path the folder
     * @return the entries' names
     * @throws AccessDeniedException if the path is outside the read grant
     * @throws IOException if the folder cannot be read
     */
    List<String> list(String path) throws IOException;

    /**
     * Deletes a file or an empty folder.
     *
     * @param path what to delete
     * @return whether something was deleted
     * @throws AccessDeniedException if the path is outside the write grant
     * @throws IOException if it cannot be deleted
     */
    boolean delete(String path) throws IOException;

    /**
     * Returns the roots the plugin was granted, in the order of its manifest, with what it may do
     * under each. A sandboxed runtime maps these, and nothing else, into its guest.
     *
     * @return the granted roots; empty when the plugin has no file grant
     */
    List<Root> roots();

    /**
     * One granted root.
     *
     * @param path the root's absolute path as the person approved it
     * @param readable whether files under it may be read and listed
     * @param writable whether files under it may be written and deleted
     */
    record Root(String path, boolean readable, boolean writable) {
        public Root {
            java.util.Objects.requireNonNull(path, "path");
        }
    }
}
