package dev.pincer.core.permissions;

import dev.pincer.core.manifest.Permissions.Access;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a plugin may touch, as a person approved it: the permissions in force for one running
 * plugin.
 *
 * <p>Immutable. Built from an approval (and, while a new version's extra permissions wait for
 * approval, from the older grant), never from the manifest alone.
 *
 * @param network host patterns: {@code example.com}, {@code *.example.com} (subdomains only), each
 *     optionally with {@code :port} (without one, ports 80 and 443)
 * @param files absolute, normalised roots and what may be done under them
 * @param env environment variable names that may be read
 * @param shell whether processes may be run
 * @since 0.1.0
 */
public record Grant(List<String> network, List<FileRoot> files, Set<String> env, boolean shell) {

    public Grant {
        network = List.copyOf(network);
        files = List.copyOf(files);
        env = Set.copyOf(env);
    }

    /** Returns a grant of nothing. */
    public static Grant none() {
        return new Grant(List.of(), List.of(), Set.of(), false);
    }

    /** Returns whether nothing is granted. */
    public boolean isEmpty() {
        return network.isEmpty() && files.isEmpty() && env.isEmpty() && !shell;
    }

    /**
     * A folder or file and what may be done under it.
     *
     * @param root an absolute, normalised path
     * @param mode the access granted
     */
    public record FileRoot(Path root, Access mode) {
        public FileRoot {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(mode, "mode");
            if (!root.isAbsolute()) {
                throw new IllegalArgumentException("a granted root is absolute, got " + root);
            }
            root = root.normalize();
        }

        /** Returns whether this root lets {@code wanted} be done. */
        public boolean allows(Access wanted) {
            return mode == Access.READ_WRITE || mode == wanted;
        }
    }
}
