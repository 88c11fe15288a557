package dev.pincer.core.skills;

import java.util.Locale;

/**
 * Names where a skill came from, highest precedence first: a copy from an earlier source shadows
 * one of the same name from a later source.
 *
 * @since 0.1.0
 */
public enum SkillSource {
    /** The workspace's {@code .pincer/skills} or {@code skills/} folder; only for trusted workspaces. */
    WORKSPACE,
    /** {@code $PINCER_HOME/skills}. */
    HOME,
    /** A skill an active plugin registered (a {@code skills} plugin's folders, or a jvm plugin's). */
    PLUGIN,
    /** The skills shipped with Pincer, in the {@code skills} folder beside the bundled plugins. */
    BUNDLED;

    /** Returns the lower-case word used in output, e.g. {@code "home"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
