package dev.pincer.core.skills.proposals;

import java.util.List;
import java.util.Objects;

/**
 * A sequence of tool calls that one caller repeated often enough to propose it as a skill.
 *
 * <p>Immutable.
 *
 * @param actor who made the calls
 * @param sequence the tool names, in call order
 * @param seen how many times the sequence occurred, without overlap, in the calls remembered
 */
record Sighting(String actor, List<String> sequence, int seen) {

    Sighting {
        Objects.requireNonNull(actor, "actor");
        sequence = List.copyOf(sequence);
    }
}
