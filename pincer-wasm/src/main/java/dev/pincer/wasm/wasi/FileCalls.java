package dev.pincer.wasm.wasi;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.FileAccess;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The file service as WASI calls it: each use goes to {@link FileAccess}, which checks the grant,
 * refuses links and audits it; a refusal becomes {@link Errno#ACCES} and its message is handed to
 * the notice consumer, other failures their errno.
 *
 * <p>A refusal maps to {@code EACCES} rather than {@code ENOTCAPABLE} because guests report it as
 * "permission denied", which is what it is; {@code ENOTCAPABLE} is kept for what the WASI layer
 * itself refuses (climbing above a preopen, links, renames). Not thread-safe; belongs to one {@link
 * GuardedWasi}.
 */
final class FileCalls {

    /** A path that is a file, with its content, or a folder, with its names. */
    sealed interface Node {
        record File(byte[] content) implements Node {}

        record Folder(List<String> names) implements Node {}
    }

    private final FileAccess files;
    private final List<FileAccess.Root> roots;
    private final Consumer<String> notices;

    FileCalls(FileAccess files, Consumer<String> notices) {
        this.files = files;
        this.roots = List.copyOf(files.roots());
        this.notices = notices;
    }

    List<FileAccess.Root> roots() {
        return roots;
    }

    byte[] read(String path) throws WasiError {
        try {
            return files.read(path);
        } catch (AccessDeniedException e) {
            throw denied(e);
        } catch (IOException e) {
            throw new WasiError(Errno.of(e));
        }
    }

    List<String> list(String path) throws WasiError {
        try {
            return files.list(path);
        } catch (AccessDeniedException e) {
            throw denied(e);
        } catch (IOException e) {
            throw new WasiError(Errno.of(e));
        }
    }

    void write(String path, byte[] content) throws WasiError {
        try {
            files.write(path, content);
        } catch (AccessDeniedException e) {
            throw denied(e);
        } catch (IOException e) {
            throw new WasiError(Errno.of(e));
        }
    }

    boolean delete(String path) throws WasiError {
        try {
            return files.delete(path);
        } catch (AccessDeniedException e) {
            throw denied(e);
        } catch (IOException e) {
            throw new WasiError(Errno.of(e));
        }
    }

    /**
     * Returns what {@code path} is. The file service has no stat, so this reads the path as a file
     * and, when that fails for a reason other than a refusal or absence, lists it as a folder.
     */
    Node readOrList(String path) throws WasiError {
        try {
            return new Node.File(files.read(path));
        } catch (AccessDeniedException e) {
            throw denied(e);
        } catch (NoSuchFileException e) {
            throw new WasiError(Errno.NOENT);
        } catch (IOException notAFile) {
            try {
                return new Node.Folder(files.list(path));
            } catch (AccessDeniedException e) {
                throw denied(e);
            } catch (IOException notAFolder) {
                throw new WasiError(Errno.of(notAFile));
            }
        }
    }

    /**
     * Returns whether a granted root that may be written holds {@code path}, for opens that must
     * fail before anything is written. The file service checks again when the file is written.
     */
    boolean mayWrite(String path) {
        try {
            Path target = Path.of(path);
            return roots.stream().anyMatch(r -> r.writable() && target.startsWith(Path.of(r.path())));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Hands {@code message} to the notice consumer, for refusals the guest sees only as an errno. */
    void notice(String message) {
        notices.accept("pincer: " + message);
    }

    private WasiError denied(AccessDeniedException e) {
        notice(e.getMessage());
        return new WasiError(Errno.ACCES);
    }
}
