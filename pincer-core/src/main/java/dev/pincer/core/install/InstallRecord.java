package dev.pincer.core.install;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What Pincer wrote down when it installed a plugin: where from, how, and where it put it.
 *
 * <p>Immutable.
 *
 * @param pluginId the plugin id
 * @param version the installed version, as semver text
 * @param source the source as the user gave it (a folder, archive, git URL or index entry)
 * @param kind how it was fetched
 * @param ref the git branch, tag or commit asked for, or {@code null} (the default branch, or not
 *     git)
 * @param digest the SHA-256 of the archive in lower-case hex, or {@code null}
 * @param commit the git commit installed, or {@code null}
 * @param path where it was placed: {@code $PINCER_HOME/plugins/<id>}, a folder or a link
 * @param installedAt when it was installed or last updated
 * @since 0.1.0
 */
public record InstallRecord(
        String pluginId,
        String version,
        String source,
        Fetched.Kind kind,
        String ref,
        String digest,
        String commit,
        Path path,
        Instant installedAt) {

    public InstallRecord {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(installedAt, "installedAt");
    }

    /**
     * Returns one line such as {@code "/src/hello (folder)"} or {@code "https://x/y.git (git, ref
     * main, commit 0a1b2c3)"} saying where it came from.
     */
    public String origin() {
        StringBuilder text = new StringBuilder(source).append(" (").append(kind.label());
        if (ref != null) {
            text.append(", ref ").append(ref);
        }
        if (commit != null) {
            text.append(", commit ").append(commit);
        }
        if (digest != null) {
            text.append(", sha256 ").append(digest);
        }
        return text.append(')').toString();
    }
}
