package dev.pincer.core.install;

import dev.pincer.core.manifest.SemanticVersion;
import java.util.List;
import java.util.Objects;

/**
 * What the user asked to install from.
 *
 * @param source a folder, an archive file or URL, a git URL, or an index entry ({@code id} or
 *     {@code id@version})
 * @param ref the git branch, tag or commit to check out, or {@code null} for the default branch
 * @param link whether a folder source is linked in place instead of copied
 * @param indexes the configured plugin index locations (files or URLs), searched in order for an
 *     index entry
 * @param host the Pincer version installing, so that an index entry without a version picks the
 *     newest version that supports it; {@code null} takes the newest listed
 * @since 0.1.0
 */
public record SourceRequest(String source, String ref, boolean link, List<String> indexes, SemanticVersion host) {

    public SourceRequest {
        Objects.requireNonNull(source, "source");
        indexes = List.copyOf(indexes);
    }

    /** Returns a request that picks index entries without regard to the Pincer version. */
    public SourceRequest(String source, String ref, boolean link, List<String> indexes) {
        this(source, ref, link, indexes, null);
    }

    /** Returns this request for a host of {@code version}. */
    public SourceRequest forHost(SemanticVersion version) {
        return new SourceRequest(source, ref, link, indexes, version);
    }
}
