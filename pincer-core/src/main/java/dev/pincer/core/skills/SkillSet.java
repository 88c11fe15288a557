package dev.pincer.core.skills;

import dev.pincer.core.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The effective skills: one winner per name, in name order, and every finding made while reading
 * and offering them (broken skills, shadowing, untrusted workspaces, command collisions).
 *
 * <p>Immutable.
 *
 * @param roots the skills roots looked at, highest precedence first
 * @param skills the winning copy of each name, by name
 * @param diagnostics every finding
 * @since 0.1.0
 */
public record SkillSet(List<SkillRoot> roots, List<EffectiveSkill> skills, List<Diagnostic> diagnostics) {

    /** No roots, no skills, no findings. */
    public static final SkillSet EMPTY = new SkillSet(List.of(), List.of(), List.of());

    public SkillSet {
        roots = List.copyOf(roots);
        skills = List.copyOf(skills);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Returns the skill called {@code name}, if there is one. */
    public Optional<EffectiveSkill> find(String name) {
        return skills.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Returns the skills this machine can use. */
    public List<EffectiveSkill> eligible() {
        return skills.stream().filter(EffectiveSkill::eligible).toList();
    }

    /** Returns the names of every skill. */
    public List<String> names() {
        return skills.stream().map(EffectiveSkill::name).toList();
    }

    /** Returns a copy with {@code more} findings added at the end. */
    public SkillSet with(List<Diagnostic> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(more);
        return new SkillSet(roots, skills, all);
    }

    /** Returns whether any finding is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
