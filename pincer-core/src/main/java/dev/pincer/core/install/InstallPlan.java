package dev.pincer.core.install;

import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.permissions.Standing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A plugin fetched into staging and checked, ready to be placed by {@link Installer#place}: what
 * it is, what it asks for, and what it replaces.
 *
 * <p>Owns its staging folder and the install lock of its home: {@link #close} deletes the one and
 * releases the other, whether or not the plugin was placed.
 * Not thread-safe.
 *
 * @since 0.1.0
 */
public final class InstallPlan implements AutoCloseable {

    private final Path staging;
    private final Fetched fetched;
    private final SourceRequest request;
    private final PluginManifest manifest;
    private final Permissions requested;
    private final Standing standing;
    private final Previous previous;
    private final Path target;
    private final List<String> warnings;
    private final InstallLock lock;

    InstallPlan(Path staging, Fetched fetched, SourceRequest request, Checked checked, Path target, InstallLock lock) {
        this.lock = lock;
        this.staging = staging;
        this.fetched = fetched;
        this.request = request;
        this.manifest = checked.manifest();
        this.requested = checked.requested();
        this.standing = checked.standing();
        this.previous = checked.previous();
        this.target = target;
        this.warnings = List.copyOf(checked.warnings());
    }

    /** Returns the plugin id. */
    public String id() {
        return manifest.id();
    }

    /** Returns the version to be installed, as semver text. */
    public String version() {
        return manifest.version().text();
    }

    /** Returns the manifest as read from what was fetched. */
    public PluginManifest manifest() {
        return manifest;
    }

    /** Returns what was fetched, and how. */
    public Fetched fetched() {
        return fetched;
    }

    /** Returns what the user asked to install. */
    public SourceRequest request() {
        return request;
    }

    /**
     * Returns the permissions the plugin asks for with its {@code ${config.…}} placeholders
     * resolved, or empty when its settings do not allow working them out yet.
     */
    public Optional<Permissions> requested() {
        return Optional.ofNullable(requested);
    }

    /**
     * Returns where its permissions stand against the approvals on record, or empty when they cannot
     * be worked out yet.
     */
    public Optional<Standing> standing() {
        return Optional.ofNullable(standing);
    }

    /** Returns whether placing it needs a person's approval of its permissions first. */
    public boolean needsApproval() {
        return standing != null && !standing.pending().isEmpty();
    }

    /** Returns the copy it replaces in the home plugin root, if any. */
    public Optional<Previous> previous() {
        return Optional.ofNullable(previous);
    }

    /** Returns where it will be placed: {@code $PINCER_HOME/plugins/<id>}. */
    public Path target() {
        return target;
    }

    /** Returns what the person should know before going on (copies in other roots and the like). */
    public List<String> warnings() {
        return warnings;
    }

    Path staging() {
        return staging;
    }

    /**
     * Deletes the staging folder and everything in it (links in it are removed, never followed),
     * and lets the next install run.
     */
    @Override
    public void close() {
        try {
            deleteTree(staging);
        } finally {
            lock.close();
        }
    }

    /** Deletes {@code folder} and everything in it without following links; nothing when missing. */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // already gone; the goal is reached
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The installed copy a plan replaces.
     *
     * @param version its version, as semver text
     * @param path its folder or link in the home plugin root
     * @param record its install record, or {@code null} when it was placed there by hand
     */
    public record Previous(String version, Path path, InstallRecord record) {
        public Previous {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(path, "path");
        }
    }

    /** What the checks found: the manifest, its permissions and what it replaces. */
    record Checked(
            PluginManifest manifest,
            Permissions requested,
            Standing standing,
            Previous previous,
            List<String> warnings) {}
}
