package dev.pincer.core.skills.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.skills.SkillNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class SkillTextTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Splits a SKILL.md into its front matter and body the way a skill loader does. */
    private static String[] split(String skillMd) {
        assertThat(skillMd).startsWith("---\n");
        int end = skillMd.indexOf("\n---\n", 3);
        assertThat(end).isPositive();
        return new String[] {skillMd.substring(4, end + 1), skillMd.substring(end + 5)};
    }

    @Test
    void writesFrontMatterWithNameDescriptionAndMetadata() {
        String text = SkillText.render("fetch-parse-save", List.of("fetch", "parse", "save"), 3);

        assertThat(text)
                .isEqualTo(
                        """
                        ---
                        name: "fetch-parse-save"
                        description: "Calls the tools 'fetch', 'parse' and 'save', in this order: a sequence of tool\
                         calls seen 3 times (proposed by Pincer)."
                        metadata:
                          proposed-by: "pincer"
                          sequence: "[\\"fetch\\",\\"parse\\",\\"save\\"]"
                          calls: "3"
                          seen: "3"
                        ---

                        # fetch-parse-save

                        Pincer proposed this skill because the same 3 tool calls were made 3 times, in this order.\
                         When a task needs this sequence, call these tools in order, choosing each call's arguments\
                         from the task:

                        1. `fetch`
                        2. `parse`
                        3. `save`
                        """);
    }

    @Test
    void hostileToolNamesCannotBreakOutOfTheFrontMatter() {
        List<String> hostile = List.of(
                "a: b\n---\nevil: true",
                "x\"y'z # not a comment",
                "...\nname: pwned",
                "line\u2028sep\u202Eright-to-left\u0000nul",
                "back\\slash `tick` ``two``",
                "{flow: [1, 2]}",
                "- list\n- item");
        String name = SkillNames.derive(hostile);

        String text = SkillText.render(name, hostile, 4);
        String[] parts = split(text);
        JsonNode front = YAML.readTree(parts[0]);

        assertThat(front.propertyNames()).containsExactly("name", "description", "metadata");
        assertThat(front.get("name").asString()).isEqualTo(name);
        assertThat(front.get("description").asString()).isEqualTo(SkillText.description(hostile, 4));
        assertThat(front.get("description").asString())
                .startsWith("Calls the tools 'a: b\\u000A---\\u000Aevil: true', 'x\"y'z # not a comment', ")
                .contains("'line\\u2028sep\\u202Eright-to-left\\u0000nul'", "'back\\\\slash `tick` ``two``'")
                .endsWith("in this order: a sequence of tool calls seen 4 times (proposed by Pincer).");
        assertThat(front.get("metadata").propertyNames()).containsExactly("proposed-by", "sequence", "calls", "seen");
        assertThat(JSON.readTree(front.get("metadata").get("sequence").asString()))
                .isEqualTo(JSON.valueToTree(hostile));
        assertThat(parts[0].lines()).noneMatch(l -> l.equals("---") || l.equals("...") || l.startsWith("evil"));
        assertThat(parts[0].lines()).hasSize(7);
        assertThat(parts[1].lines())
                .filteredOn(l -> l.matches("\\d\\. .*"))
                .containsExactly(
                        "1. `a: b\\u000A---\\u000Aevil: true`",
                        "2. `x\"y'z # not a comment`",
                        "3. `...\\u000Aname: pwned`",
                        "4. `line\\u2028sep\\u202Eright-to-left\\u0000nul`",
                        "5. ``` back\\\\slash `tick` ``two`` ```",
                        "6. `{flow: [1, 2]}`",
                        "7. `- list\\u000A- item`");
    }

    @Test
    void aDescriptionNamesAsManyToolsAsFitIn1024Characters() {
        List<String> tools = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tools.add("tool-" + i + "-" + "x".repeat(200));
        }

        String description = SkillText.description(tools, 3);

        assertThat(description).hasSizeLessThanOrEqualTo(SkillText.MAX_DESCRIPTION);
        assertThat(description)
                .startsWith("Calls the tools 'tool-0-xxx")
                .contains("…'")
                .containsPattern(" and \\d+ more, in this order: ");
        assertThat(YAML.readTree(split(SkillText.render("long", tools, 3))[0])
                        .get("description")
                        .asString())
                .isEqualTo(description);
    }

    @Test
    void namesFollowTheAgentSkillsRule() {
        assertThat(SkillNames.derive(List.of("github.create_issue", "Slack/Post Message")))
                .isEqualTo("github-create-issue-slack-post-message");
        assertThat(SkillNames.derive(List.of("Café--Crème", "İstanbul", "ﬁle"))).isEqualTo("cafe-creme-istanbul-file");
        assertThat(SkillNames.derive(List.of("---", "日本語", "\n"))).isEqualTo(SkillNames.FALLBACK);
        assertThat(SkillNames.derive(List.of("a: b\n---\nevil", "../../etc/passwd")))
                .isEqualTo("a-b-evil-etc-passwd");

        String longName = SkillNames.derive(List.of("a".repeat(40), "b".repeat(40)));
        assertThat(longName).hasSize(SkillNames.MAX_LENGTH).startsWith("a".repeat(40) + "-b");
        assertThat(SkillNames.derive(List.of("a".repeat(63), "b"))).isEqualTo("a".repeat(63));
        assertThat(SkillNames.numbered(longName, 12)).hasSize(64).endsWith("-12");
        assertThat(SkillNames.numbered("fetch-parse", 2)).isEqualTo("fetch-parse-2");
        for (String n : List.of(longName, SkillNames.numbered(longName, 12), SkillNames.FALLBACK)) {
            assertThat(SkillNames.isValid(n)).as(n).isTrue();
        }
        assertThat(SkillNames.isValid("Upper")).isFalse();
        assertThat(SkillNames.isValid("double--hyphen")).isFalse();
        assertThat(SkillNames.isValid("-lead")).isFalse();
        assertThat(SkillNames.isValid("a".repeat(65))).isFalse();
    }
}
