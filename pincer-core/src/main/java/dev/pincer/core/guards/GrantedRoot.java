package dev.pincer.core.guards;

import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.permissions.Grant.FileRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One granted file root as the file service uses it: the path the person approved, its mode, and
 * its real path (symbolic links above the grant resolved once, when the service is made).
 *
 * <p>A root that does not exist yet is resolved on first use instead. Thread-safe.
 */
final class GrantedRoot {

    private final Path declared;
    private final Access mode;
    private volatile Path real;

    GrantedRoot(FileRoot root) {
        this.declared = root.root();
        this.mode = root.mode();
        this.real = resolve(declared);
    }

    Path declared() {
        return declared;
    }

    Access mode() {
        return mode;
    }

    boolean allows(Access wanted) {
        return mode == Access.READ_WRITE || mode == wanted;
    }

    /** Returns the root's real path, or the declared one while it does not exist. */
    Path real() {
        Path known = real;
        if (known == null) {
            known = resolve(declared);
            real = known;
        }
        return known == null ? declared : known;
    }

    /**
     * Returns the names leading from this root to {@code normal} (an absolute, normalised path),
     * empty for the root itself, or empty optional when {@code normal} is not under this root.
     */
    Optional<List<String>> relate(Path normal) {
        Path base = normal.startsWith(declared) ? declared : normal.startsWith(real()) ? real() : null;
        if (base == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Path name : base.relativize(normal)) {
            if (!name.toString().isEmpty()) {
                names.add(name.toString());
            }
        }
        return Optional.of(List.copyOf(names));
    }

    @Override
    public String toString() {
        return declared + " (" + mode.label() + ")";
    }

    private static Path resolve(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
