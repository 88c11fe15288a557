package dev.pincer.core.skills;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Holds what a {@code SKILL.md} says: its front matter fields, as the Agent Skills format and
 * OpenClaw define them, and its Markdown instructions.
 *
 * <p>Immutable: the JSON trees are private copies, and accessors hand out copies.
 *
 * @param name the skill's name (lowercase letters, digits and single hyphens, at most 64)
 * @param description what it does and when to use it, at most 1024 characters
 * @param license its license, or {@code null}
 * @param allowedTools the tools it may use without asking, from {@code allowed-tools}; empty when not said
 * @param compatibility what it needs to run, in words, or {@code null}
 * @param userInvocable whether a person may invoke it directly, as a slash command (default {@code true})
 * @param disableModelInvocation whether only a person, not the model, may pick it (default {@code false})
 * @param requirements what the machine must offer for it to be eligible
 * @param metadata the {@code metadata} object, empty when absent
 * @param frontMatter the whole front matter as read
 * @param body the Markdown after the front matter
 * @param bodyLine the line of {@code SKILL.md} on which the body starts
 * @since 0.1.0
 */
public record SkillDocument(
        String name,
        String description,
        String license,
        List<String> allowedTools,
        String compatibility,
        boolean userInvocable,
        boolean disableModelInvocation,
        SkillRequirements requirements,
        JsonNode metadata,
        JsonNode frontMatter,
        String body,
        int bodyLine) {

    public SkillDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        allowedTools = List.copyOf(allowedTools);
        Objects.requireNonNull(requirements, "requirements");
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata.deepCopy();
        frontMatter = frontMatter == null ? JsonNodeFactory.instance.objectNode() : frontMatter.deepCopy();
        Objects.requireNonNull(body, "body");
    }

    /** Returns a document for a skill a plugin gave inline: no front matter beyond name and description. */
    public static SkillDocument inline(String name, String description, String body, boolean userInvocable) {
        return new SkillDocument(
                name,
                description,
                null,
                List.of(),
                null,
                userInvocable,
                false,
                SkillRequirements.NONE,
                null,
                JsonNodeFactory.instance.objectNode().put("name", name).put("description", description),
                body,
                1);
    }

    @Override
    public JsonNode metadata() {
        return metadata.deepCopy();
    }

    @Override
    public JsonNode frontMatter() {
        return frontMatter.deepCopy();
    }

    /** Returns this document under another name and with user invocation as given (a plugin's say). */
    SkillDocument as(String newName, boolean invocable) {
        return new SkillDocument(
                newName,
                description,
                license,
                allowedTools,
                compatibility,
                invocable,
                disableModelInvocation,
                requirements,
                metadata,
                frontMatter,
                body,
                bodyLine);
    }
}
