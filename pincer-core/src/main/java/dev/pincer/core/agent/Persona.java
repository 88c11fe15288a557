package dev.pincer.core.agent;

import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.SkillSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes the system prompt an agent turn starts from, before plugins add to it: the persona file
 * ({@code SOUL.md} in the workspace, if present) and the skills the model may use.
 *
 * <p>Skills a person marked {@code disable-model-invocation} and skills not eligible on this
 * machine are not offered. The persona file is read on every turn, so an edit applies to the next
 * message; a file that is not a regular file, larger than {@value #MAX_SOUL_BYTES} bytes or not
 * UTF-8 text is left out, and said so once. Thread-safe.
 */
final class Persona {

    /** The largest persona file injected. */
    static final int MAX_SOUL_BYTES = 64 * 1024;

    /** Read by the model when no persona file is present. */
    static final String DEFAULT = "You are a helpful assistant running in a Pincer gateway. Use the tools you are"
            + " given when they help; say so plainly when you cannot do something.";

    private final Path soul;
    private final Supplier<SkillSet> skills;
    private final Consumer<String> log;
    private volatile String lastProblem;

    /**
     * @param soul the persona file; it need not exist
     * @param skills the current skills, or a supplier of {@link SkillSet#EMPTY}
     * @param log told once about a persona file that cannot be used
     */
    Persona(Path soul, Supplier<SkillSet> skills, Consumer<String> log) {
        this.soul = soul;
        this.skills = skills;
        this.log = log;
    }

    /** Returns the system prompt: the persona (or {@link #DEFAULT}), then the offered skills. */
    String systemPrompt() {
        StringBuilder prompt = new StringBuilder(soul());
        List<EffectiveSkill> offered = offered();
        if (!offered.isEmpty()) {
            prompt.append("\n\n## Skills\n\nThese skills hold instructions for particular tasks. When one fits the"
                    + " task, call the tool `read_skill` with its name and follow what it says.\n");
            for (EffectiveSkill skill : offered) {
                prompt.append("\n- ")
                        .append(skill.name())
                        .append(": ")
                        .append(skill.skill().document().description().strip());
            }
        }
        return prompt.toString();
    }

    /** Returns the skills offered to the model, in name order. */
    List<EffectiveSkill> offered() {
        return skills.get().eligible().stream()
                .filter(s -> !s.skill().document().disableModelInvocation())
                .toList();
    }

    private String soul() {
        if (!Files.exists(soul, LinkOption.NOFOLLOW_LINKS)) {
            return DEFAULT;
        }
        try {
            if (!Files.isRegularFile(soul)) {
                return skip("it is not a regular file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(soul)) {
                bytes = in.readNBytes(MAX_SOUL_BYTES + 1);
            }
            if (bytes.length > MAX_SOUL_BYTES) {
                return skip("it is larger than " + MAX_SOUL_BYTES / 1024 + " KiB");
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString()
                    .strip();
            lastProblem = null;
            return text.isEmpty() ? DEFAULT : text;
        } catch (CharacterCodingException e) {
            return skip("it is not UTF-8 text");
        } catch (IOException e) {
            return skip("it cannot be read (" + e.getMessage() + ")");
        }
    }

    private String skip(String why) {
        String problem = "the persona file " + soul + " is left out of the system prompt: " + why;
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            log.accept(problem);
        }
        return DEFAULT;
    }
}
