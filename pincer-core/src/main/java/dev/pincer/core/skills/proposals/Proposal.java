package dev.pincer.core.skills.proposals;

import dev.pincer.core.skills.SkillNames;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One proposed skill as kept in the store: the sequence of tool calls it came from, the {@code
 * SKILL.md} it would install, and whether a person approved or rejected it.
 *
 * <p>Immutable.
 *
 * @param id the proposal's number, used by {@code pincer skills approve <id>}
 * @param name the skill name, valid under the Agent Skills name rule, unique among proposals
 * @param sequence the tool names, in the order they were called
 * @param skillMd the complete {@code SKILL.md} text approval would install
 * @param state pending, approved or rejected
 * @param actor who made the calls ({@code cli:<user>}, {@code mcp}, …)
 * @param seen how many times the sequence had been seen when it was proposed
 * @param created when it was proposed
 * @param decidedAt when a person approved or rejected it, or {@code null} while pending
 * @param decidedBy who approved or rejected it, or {@code null} while pending
 * @since 0.1.0
 */
public record Proposal(
        long id,
        String name,
        List<String> sequence,
        String skillMd,
        State state,
        String actor,
        int seen,
        Instant created,
        Instant decidedAt,
        String decidedBy) {

    public Proposal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(skillMd, "skillMd");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(created, "created");
        sequence = List.copyOf(sequence);
        if (!SkillNames.isValid(name)) {
            throw new IllegalArgumentException("proposal " + id + " has the name '" + name
                    + "', which is not a valid skill name (lower-case letters, digits and single hyphens, at most "
                    + SkillNames.MAX_LENGTH + " characters)");
        }
        if ((state == State.PENDING) != (decidedAt == null)) {
            throw new IllegalArgumentException(
                    "proposal " + id + " is " + state.label() + " but its decision time is " + decidedAt);
        }
    }

    /**
     * Returns the sequence for a person to read, e.g. {@code fetch → parse → save}: each tool name
     * on one line, with control, format and separator characters written as <code>&#92;uXXXX</code>, so a
     * hostile name cannot rewrite a terminal.
     */
    public String steps() {
        return String.join(" → ", sequence.stream().map(SkillText::printable).toList());
    }

    /** Where a proposal stands. */
    public enum State {
        /** Waiting for a person; not in any skills root, so never loaded. */
        PENDING,
        /** Approved: its {@code SKILL.md} was written to the home skills root. */
        APPROVED,
        /** Rejected: kept so the same sequence is never proposed again. */
        REJECTED;

        /** Returns the word used in output and in the store, e.g. {@code "pending"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Returns the state whose label is {@code label}.
         *
         * @throws IllegalArgumentException if no state has that label
         */
        public static State of(String label) {
            for (State s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(
                    "unknown proposal state '" + label + "'; expected pending, approved or" + " rejected");
        }
    }
}
