package dev.pincer.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes an Agent Skill a plugin contributes: instructions an agent loads on demand.
 *
 * <p>The skill's text comes from exactly one place: a folder holding a {@code SKILL.md} file, or
 * a body given inline. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link NullPointerException} for a missing required value and {@link
 * IllegalArgumentException}, with a message naming the bad value, for an invalid one.
 *
 * @param name the skill's name: lowercase letters, digits and single hyphens, not starting or
 *     ending with a hyphen, 1 to 64 characters
 * @param description what the skill does and when to use it, 1 to 1024 characters, not blank
 * @param location the folder holding the skill's {@code SKILL.md}, or {@code null} when {@code
 *     body} is given
 * @param body the skill's Markdown instructions, or {@code null} when {@code location} is given
 * @param userInvocable whether a user may invoke the skill directly as a slash command
 * @since 0.1.0
 */
public record SkillSpec(String name, String description, Path location, String body, boolean userInvocable) {

    /** The longest skill name the Agent Skills format allows. */
    public static final int MAX_NAME_LENGTH = 64;

    /** The longest skill description the Agent Skills format allows. */
    public static final int MAX_DESCRIPTION_LENGTH = 1024;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public SkillSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("skill name must be lowercase letters, digits and single hyphens,"
                    + " not starting or ending with a hyphen, 1 to 64 characters, but was: \"" + name + "\"");
        }
        if (description.isBlank() || description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("description of skill \"" + name
                    + "\" must be 1 to 1024 characters and not blank, but had " + description.length()
                    + " characters");
        }
        if ((location == null) == (body == null)) {
            throw new IllegalArgumentException("skill \"" + name
                    + "\" needs exactly one of location and body, but "
                    + (location == null ? "neither was" : "both were") + " given");
        }
    }

    /**
     * Returns whether {@code name} follows the Agent Skills name rule: lowercase letters, digits
     * and single hyphens, not starting or ending with a hyphen, 1 to {@value #MAX_NAME_LENGTH}
     * characters.
     *
     * @param name the name to check, not {@code null}
     * @return whether it is a valid skill name
     */
    public static boolean isValidName(String name) {
        return name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    /**
     * Returns a user-invocable skill read from a folder holding {@code SKILL.md}.
     *
     * @param name the skill's name
     * @param description what the skill does and when to use it
     * @param location the skill's folder, not {@code null}
     * @return the skill
     */
    public static SkillSpec at(String name, String description, Path location) {
        return new SkillSpec(name, description, Objects.requireNonNull(location, "location"), null, true);
    }

    /**
     * Returns a user-invocable skill whose instructions are given inline.
     *
     * @param name the skill's name
     * @param description what the skill does and when to use it
     * @param body the skill's Markdown instructions, not {@code null}
     * @return the skill
     */
    public static SkillSpec inline(String name, String description, String body) {
        return new SkillSpec(name, description, null, Objects.requireNonNull(body, "body"), true);
    }

    /**
     * Returns a copy of this skill that only the agent, not a user, may invoke.
     *
     * @return the copy
     */
    public SkillSpec hiddenFromUser() {
        return new SkillSpec(name, description, location, body, false);
    }
}
