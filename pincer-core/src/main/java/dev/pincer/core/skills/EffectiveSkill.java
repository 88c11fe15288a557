package dev.pincer.core.skills;

import java.util.List;
import java.util.Objects;

/**
 * The copy of a skill that won over every other copy of its name, with whether this machine can
 * use it.
 *
 * <p>Immutable.
 *
 * @param skill the winning copy
 * @param ineligible why it cannot be used here, one sentence per unmet requirement; empty when eligible
 * @param shadowed the copies it shadows, highest precedence first
 * @since 0.1.0
 */
public record EffectiveSkill(Skill skill, List<String> ineligible, List<Skill> shadowed) {

    public EffectiveSkill {
        Objects.requireNonNull(skill, "skill");
        ineligible = List.copyOf(ineligible);
        shadowed = List.copyOf(shadowed);
    }

    /** Returns the skill's name. */
    public String name() {
        return skill.name();
    }

    /** Returns whether every requirement is met, so that the skill is offered. */
    public boolean eligible() {
        return ineligible.isEmpty();
    }

    /** Returns "eligible", or the reasons it is not, joined. */
    public String status() {
        return eligible() ? "eligible" : String.join("; ", ineligible);
    }
}
