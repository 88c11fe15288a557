package dev.pincer.core.skills;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Renders a skill for a person or an agent to use: its instructions, its files as resource URIs,
 * and the input it was invoked with. Also spells and reads the {@code skill://<name>/{path}}
 * resource URIs, whose {@code path} is one segment with {@code /} written as {@code %2F}, as RFC
 * 6570 expands {@code {path}}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class SkillPrompt {

    /** The URI scheme of a skill's files. */
    public static final String SCHEME = "skill";

    private SkillPrompt() {}

    /**
     * Returns the text that invokes {@code skill}: its body ({@code {baseDir}} replaced by its
     * folder), the list of its other files with their URIs, and {@code input} when not blank.
     */
    public static String render(Skill skill, String input) {
        StringBuilder text = new StringBuilder();
        text.append("Use the skill '")
                .append(skill.name())
                .append("': ")
                .append(skill.document().description());
        text.append("\n\n");
        String body = skill.document().body().strip();
        text.append(
                skill.folder() == null
                        ? body
                        : body.replace("{baseDir}", skill.folder().toString()));
        boolean header = false;
        for (String file : skill.files()) {
            if (file.equals(SkillScanner.SKILL_FILE)) {
                continue;
            }
            if (!header) {
                text.append("\n\nFiles of this skill, readable as resources:");
                header = true;
            }
            text.append("\n- ").append(file).append(": ").append(uri(skill.name(), file));
        }
        if (input != null && !input.isBlank()) {
            text.append("\n\nInput: ").append(input.strip());
        }
        return text.toString();
    }

    /** Returns the resource template of the files of skill {@code name}: {@code skill://<name>/{path}}. */
    public static String template(String name) {
        return SCHEME + "://" + name + "/{path}";
    }

    /** Returns the URI of file {@code relative} of skill {@code name}, every reserved character percent-encoded. */
    public static String uri(String name, String relative) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                encoded.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return SCHEME + "://" + name + "/" + encoded;
    }

    /**
     * Returns the relative path a {@code path} template value stands for, percent-decoded; empty
     * when it is not validly encoded UTF-8.
     */
    public static Optional<String> decode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
