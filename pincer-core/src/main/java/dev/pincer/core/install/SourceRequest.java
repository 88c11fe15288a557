package dev.pincer.core.install;

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
 * @since 0.1.0
 */
public record SourceRequest(String source, String ref, boolean link, List<String> indexes) {

    public SourceRequest {
        Objects.requireNonNull(source, "source");
        indexes = List.copyOf(indexes);
    }
}
