package dev.pincer.core.skills.proposals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes the {@code SKILL.md} of a proposed skill: YAML front matter ({@code name}, {@code
 * description}, {@code metadata}) produced by the YAML library, never by joining strings, so no
 * tool name can end the front matter or add a key; then a body that lists the steps.
 *
 * <p>Tool names are shown in the description and the body in a printable form: control, format
 * (such as bidirectional overrides) and line-separator characters appear as <code>&#92;uXXXX</code>. The
 * exact names are kept in {@code metadata.sequence} as a JSON array.
 *
 * <p>Stateless and thread-safe.
 */
final class SkillText {

    /** The longest description the Agent Skills format allows. */
    static final int MAX_DESCRIPTION = dev.pincer.api.SkillSpec.MAX_DESCRIPTION_LENGTH;

    /** How much of one tool name a description quotes. */
    private static final int MAX_QUOTED = 120;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SkillText() {}

    /** Returns the complete {@code SKILL.md} for a skill {@code name} that calls {@code sequence}. */
    static String render(String name, List<String> sequence, int seen) {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("name", name);
        front.put("description", description(sequence, seen));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("proposed-by", "pincer");
        metadata.put("sequence", JSON.writeValueAsString(sequence));
        metadata.put("calls", Integer.toString(sequence.size()));
        metadata.put("seen", Integer.toString(seen));
        front.put("metadata", metadata);
        return "---\n" + YAML.writeValueAsString(front) + "---\n\n" + body(name, sequence, seen);
    }

    /**
     * Returns the description: which tools, in which order, and how often the sequence was seen;
     * at most 1,024 characters, naming as many tools as fit.
     */
    static String description(List<String> sequence, int seen) {
        String tail = ", in this order: a sequence of tool calls seen " + seen + " times (proposed by Pincer).";
        StringBuilder text = new StringBuilder("Calls the tools ");
        for (int i = 0; i < sequence.size(); i++) {
            String quoted = "'" + shortened(printable(sequence.get(i))) + "'";
            String separator = i == 0 ? "" : i == sequence.size() - 1 ? " and " : ", ";
            String more = " and " + (sequence.size() - i) + " more";
            boolean last = i == sequence.size() - 1;
            int needed = separator.length() + quoted.length() + (last ? 0 : more.length()) + tail.length();
            if (text.length() + needed > MAX_DESCRIPTION) {
                return text.append(more).append(tail).toString();
            }
            text.append(separator).append(quoted);
        }
        return text.append(tail).toString();
    }

    /**
     * Returns {@code text} with every control, format, line or paragraph separator, private-use,
     * unassigned or lone surrogate character written as <code>&#92;uXXXX</code>, and backslashes doubled,
     * so the result is one line that shows what the original held.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\\\");
            } else if (hidden(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean hidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String shortened(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_QUOTED) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED - 1)) + "…";
    }

    private static String body(String name, List<String> sequence, int seen) {
        StringBuilder body = new StringBuilder("# ").append(name).append("\n\n");
        body.append("Pincer proposed this skill because the same ")
                .append(sequence.size())
                .append(" tool calls were made ")
                .append(seen)
                .append(" times, in this order. When a task needs this sequence, call these tools in order,"
                        + " choosing each call's arguments from the task:\n\n");
        for (int i = 0; i < sequence.size(); i++) {
            body.append(i + 1)
                    .append(". ")
                    .append(code(printable(sequence.get(i))))
                    .append('\n');
        }
        return body.toString();
    }

    /** Returns {@code text} as a Markdown code span, fenced by more backticks than it contains in a row. */
    private static String code(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }
}
