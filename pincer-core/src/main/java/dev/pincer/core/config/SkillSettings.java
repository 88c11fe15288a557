package dev.pincer.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Holds the home config's {@code [skills]} table: which workspaces are trusted to add skills, and
 * whether repeated tool-call sequences are turned into proposed skills. A workspace file cannot
 * change it, so a checked-out repository cannot trust itself.
 *
 * <p>Immutable.
 *
 * @param trustedWorkspaces absolute, normalised workspace folders whose {@code .pincer/skills} and
 *     {@code skills/} folders load; a workspace not listed contributes no skills
 * @param proposals whether repeated sequences of tool calls produce proposed skills (off unless
 *     configured)
 * @param proposalLength how many tool calls make one sequence
 * @param proposalRepeats how many times a sequence must repeat before it is proposed
 * @since 0.1.0
 */
public record SkillSettings(List<Path> trustedWorkspaces, boolean proposals, int proposalLength, int proposalRepeats) {

    /** The number of calls in a proposed sequence unless configured otherwise. */
    public static final int DEFAULT_PROPOSAL_LENGTH = 3;

    /** The number of repeats that makes a proposal unless configured otherwise. */
    public static final int DEFAULT_PROPOSAL_REPEATS = 3;

    public SkillSettings {
        trustedWorkspaces = trustedWorkspaces.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .toList();
        if (proposalLength < 2) {
            throw new IllegalArgumentException("a proposed sequence needs at least 2 calls, but got " + proposalLength);
        }
        if (proposalRepeats < 2) {
            throw new IllegalArgumentException("a sequence must repeat at least twice, but got " + proposalRepeats);
        }
    }

    /** Returns no trusted workspace, proposals off, sequences of 3 calls repeated 3 times. */
    public static SkillSettings defaults() {
        return new SkillSettings(List.of(), false, DEFAULT_PROPOSAL_LENGTH, DEFAULT_PROPOSAL_REPEATS);
    }

    /** Returns whether {@code workspace} is one of the trusted workspaces. */
    public boolean trusts(Path workspace) {
        return trustedWorkspaces.contains(workspace.toAbsolutePath().normalize());
    }
}
