package dev.pincer.core.skills;

import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A skill that was read: what its {@code SKILL.md} says, where it came from, and its files.
 *
 * <p>Immutable.
 *
 * @param document what the skill says
 * @param source the kind of root it came from
 * @param folder its folder, or {@code null} for a skill a plugin gave inline
 * @param pluginId the plugin that registered it, or {@code null} when it came from a skills root
 * @param files its files relative to {@code folder} ({@code SKILL.md} included), in name order
 * @param diagnostics the warnings about it (it loaded despite them)
 * @since 0.1.0
 */
public record Skill(
        SkillDocument document,
        SkillSource source,
        Path folder,
        String pluginId,
        List<String> files,
        List<Diagnostic> diagnostics) {

    public Skill {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Returns the skill's name. */
    public String name() {
        return document.name();
    }

    /** Returns where it is, for a person: its folder, or which plugin gave it inline. */
    public String where() {
        return folder != null ? folder.toString() : "inline in plugin '" + pluginId + "'";
    }

    /** Returns its source as shown in lists: e.g. {@code home}, or {@code plugin:weather}. */
    public String origin() {
        return pluginId == null ? source.label() : source.label() + ":" + pluginId;
    }
}
