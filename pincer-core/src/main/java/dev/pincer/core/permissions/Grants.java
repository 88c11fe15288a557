package dev.pincer.core.permissions;

import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.Permissions.FileGrant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns approved permissions into the {@link Grant} the guards enforce, placing each granted path
 * on the file system.
 *
 * <p>A manifest path is absolute ({@code /srv/data}), under the user's home ({@code ~} or
 * {@code ~/notes}), or relative, which means relative to the workspace. Stateless.
 *
 * @since 0.1.0
 */
public final class Grants {

    private Grants() {}

    /**
     * Returns the grant for {@code approved}.
     *
     * @param userHome the user's home folder, for {@code ~}
     * @param workspace the workspace, for relative paths
     */
    public static Grant of(Permissions approved, Path userHome, Path workspace) {
        List<Grant.FileRoot> roots = new ArrayList<>();
        for (FileGrant file : approved.filesystem()) {
            roots.add(new Grant.FileRoot(place(file.path(), userHome, workspace), file.mode()));
        }
        return new Grant(approved.network(), roots, new LinkedHashSet<>(approved.env()), approved.shell());
    }

    /** Returns where manifest path {@code path} is, absolute and normalised. */
    public static Path place(String path, Path userHome, Path workspace) {
        if (path.equals("~")) {
            return userHome.toAbsolutePath().normalize();
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2)).toAbsolutePath().normalize();
        }
        return workspace.resolve(path).toAbsolutePath().normalize();
    }
}
