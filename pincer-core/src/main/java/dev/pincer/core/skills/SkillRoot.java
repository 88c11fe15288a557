package dev.pincer.core.skills;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder whose sub-folders hold one skill each ({@code <root>/<skill>/SKILL.md}).
 *
 * <p>Immutable.
 *
 * @param source what kind of root it is
 * @param path the folder
 * @param loaded whether its skills are read; {@code false} for an untrusted workspace
 * @since 0.1.0
 */
public record SkillRoot(SkillSource source, Path path, boolean loaded) {

    public SkillRoot {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
    }

    /** Returns the root as words for a person, e.g. {@code "home  /u/.pincer/skills"}. */
    public String describe() {
        return source.label() + "  " + path + (loaded ? "" : "  (not loaded: workspace not trusted)");
    }
}
