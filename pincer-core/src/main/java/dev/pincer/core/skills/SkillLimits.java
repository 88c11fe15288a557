package dev.pincer.core.skills;

/**
 * Bounds what Pincer reads of one skill, so that a huge or deeply nested folder is a precise
 * diagnostic instead of a slow start or a hang.
 *
 * <p>Immutable.
 *
 * @param maxSkillFileBytes the largest {@code SKILL.md} read
 * @param maxDepth how many folders deep below the skill's folder files are still served
 * @param maxEntries how many files and folders of one skill are looked at (hidden ones excepted)
 * @param maxResourceBytes the largest file of a skill served as a resource
 * @param maxSkillsPerRoot how many skill folders of one root are read
 * @since 0.1.0
 */
public record SkillLimits(
        int maxSkillFileBytes, int maxDepth, int maxEntries, int maxResourceBytes, int maxSkillsPerRoot) {

    public SkillLimits {
        if (maxSkillFileBytes < 1 || maxDepth < 0 || maxEntries < 1 || maxResourceBytes < 1 || maxSkillsPerRoot < 1) {
            throw new IllegalArgumentException("skill limits must be positive (depth may be 0), but were "
                    + maxSkillFileBytes + " bytes, depth " + maxDepth + ", " + maxEntries + " entries, "
                    + maxResourceBytes + " resource bytes, " + maxSkillsPerRoot + " skills per root");
        }
    }

    /** Returns 256 KiB per {@code SKILL.md}, depth 6, 500 entries, 1 MiB per file, 1000 skills per root. */
    public static SkillLimits defaults() {
        return new SkillLimits(256 * 1024, 6, 500, 1024 * 1024, 1000);
    }
}
