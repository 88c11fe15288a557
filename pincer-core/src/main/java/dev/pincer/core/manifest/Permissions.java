package dev.pincer.core.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists what a plugin asks to touch: the manifest's {@code permissions} object.
 *
 * <p>Immutable. A request, not a grant: a person approves it before the plugin may use it. As
 * read from a manifest, a {@code network} or {@code env} entry may be a placeholder, {@code
 * ${config.<key>}}, that stands for a value of the plugin's settings; such entries are resolved
 * before anyone is asked to approve them, and a grant never holds one.
 *
 * @param network hosts (exact, or {@code *.example.com}), optionally with {@code :port}; or
 *     placeholders
 * @param filesystem paths and access modes
 * @param env environment variable names, or placeholders
 * @param shell whether the plugin may run processes
 * @since 0.1.0
 */
public record Permissions(List<String> network, List<FileGrant> filesystem, List<String> env, boolean shell) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{config\\.([A-Za-z_][A-Za-z0-9_-]*)}");

    public Permissions {
        network = List.copyOf(network);
        filesystem = List.copyOf(filesystem);
        env = List.copyOf(env);
    }

    /** Returns a request for nothing. */
    public static Permissions none() {
        return new Permissions(List.of(), List.of(), List.of(), false);
    }

    /** Returns whether nothing is asked for. */
    public boolean isEmpty() {
        return network.isEmpty() && filesystem.isEmpty() && env.isEmpty() && !shell;
    }

    /**
     * Returns the settings key that {@code entry} stands for when it is a placeholder, {@code
     * ${config.<key>}} as the whole entry; empty for anything else.
     */
    public static Optional<String> configKey(String entry) {
        Matcher matcher = PLACEHOLDER.matcher(entry);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Returns whether a {@code network} or {@code env} entry is a {@code ${config.<key>}} placeholder. */
    public boolean hasPlaceholders() {
        return network.stream().anyMatch(n -> configKey(n).isPresent())
                || env.stream().anyMatch(n -> configKey(n).isPresent());
    }

    /**
     * A filesystem path and what may be done with it.
     *
     * @param path the path as written in the manifest
     * @param mode the access asked for
     */
    public record FileGrant(String path, Access mode) {
        public FileGrant {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** Filesystem access modes. */
    public enum Access {
        READ,
        WRITE,
        READ_WRITE;

        /** Returns the word used in manifests, e.g. {@code "read-write"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Access fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
