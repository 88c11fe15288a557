package dev.pincer.core.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.diagnostics.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SkillMarkdownTest {

    private static final Path FILE = Path.of("/skills/pdf/SKILL.md");

    private static SkillMarkdown.Result parse(String text) {
        return SkillMarkdown.parse(text, FILE, "pdf", null);
    }

    @Test
    void readsEveryFieldOfTheFormat() {
        SkillMarkdown.Result result = parse(
                """
                ---
                name: pdf
                description: Fills PDF forms. Use when a PDF is mentioned.
                license: Apache-2.0
                allowed-tools: Bash(pdftk:*) Read
                compatibility: needs pdftk
                user-invocable: false
                disable-model-invocation: true
                metadata:
                  pincer: {requires: {bins: [pdftk], env: [PDF_KEY]}, os: [linux]}
                ---
                # PDF
                Run scripts/fill.sh.
                """);

        assertThat(result.diagnostics()).isEmpty();
        SkillDocument d = result.document();
        assertThat(d.name()).isEqualTo("pdf");
        assertThat(d.license()).isEqualTo("Apache-2.0");
        assertThat(d.allowedTools()).containsExactly("Bash(pdftk:*)", "Read");
        assertThat(d.compatibility()).isEqualTo("needs pdftk");
        assertThat(d.userInvocable()).isFalse();
        assertThat(d.disableModelInvocation()).isTrue();
        assertThat(d.requirements().bins()).containsExactly("pdftk");
        assertThat(d.requirements().env()).containsExactly("PDF_KEY");
        assertThat(d.requirements().os()).containsExactly("linux");
        assertThat(d.body()).startsWith("# PDF\nRun scripts/fill.sh.");
        assertThat(d.bodyLine()).isEqualTo(12);
    }

    @Test
    void malformedYamlIsAnErrorOnTheLineOfTheFile() {
        SkillMarkdown.Result result = parse("---\nname: pdf\ndescription: ok\nlicense: [unclosed\n---\nbody\n");

        assertThat(result.document()).isNull();
        Diagnostic error = result.diagnostics().get(0);
        assertThat(error.code()).isEqualTo("skill.yaml");
        assertThat(error.message())
                .startsWith(FILE + ":4: the front matter is not valid YAML: while parsing a flow sequence")
                .contains("expected ',' or ']'");
        assertThat(error.path()).isEqualTo(FILE);
    }

    @Test
    void aColonInAnUnquotedValueIsReportedOnItsLine() {
        SkillMarkdown.Result result = parse("---\nname: pdf\ndescription: Use when: a PDF is named\n---\n");

        assertThat(result.diagnostics()).singleElement().satisfies(d -> assertThat(d.message())
                .startsWith(FILE + ":3: the front matter is not valid YAML"));
    }

    @Test
    void missingOrUnclosedFrontMatterIsAnError() {
        assertThat(parse("# just markdown\n").diagnostics().get(0).message())
                .isEqualTo(FILE + ":1: SKILL.md must start with a '---' line that opens the YAML front matter,"
                        + " but starts with \"# just markdown\"");
        assertThat(parse("---\nname: pdf\n").diagnostics().get(0).message())
                .isEqualTo(FILE + ":1: the front matter opened by '---' on line 1 is never closed by another '---'"
                        + " line");
    }

    @Test
    void nameAndDescriptionAreRequiredAndChecked() {
        assertThat(parse("---\ndescription: d\n---\n").diagnostics().get(0).message())
                .isEqualTo(FILE + ":3: the front matter has no 'name', which every skill needs");
        Diagnostic badName = parse("---\nname: PDF_Tools\ndescription: d\n---\n")
                .diagnostics()
                .get(0);
        assertThat(badName.code()).isEqualTo("skill.name");
        assertThat(badName.message()).startsWith(FILE + ":2: skill name \"PDF_Tools\" is not valid");
        assertThat(badName.hint()).contains("\"pdf-tools\"");
        Diagnostic longDescription = parse("---\nname: pdf\ndescription: " + "x".repeat(1025) + "\n---\n")
                .diagnostics()
                .get(0);
        assertThat(longDescription.message()).endsWith("has 1025 characters, more than the 1024 allowed");
    }

    @Test
    void aNameOtherThanTheFolderIsAWarningAndTheSkillLoads() {
        SkillMarkdown.Result result =
                SkillMarkdown.parse("---\nname: pdf\ndescription: d\n---\n", FILE, "pdf-v2", null);

        assertThat(result.document()).isNotNull();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.message())
                    .isEqualTo(FILE + ":2: skill 'pdf' is in a folder called 'pdf-v2'; it is loaded as" + " 'pdf'");
        });
    }

    @Test
    void wrongTypesOfOptionalKeysAreWarningsWithTheirLine() {
        SkillMarkdown.Result result =
                parse("---\nname: pdf\ndescription: d\nuser-invocable: sometimes\nmetadata: 7\n---\n");

        assertThat(result.document().userInvocable()).isTrue();
        assertThat(result.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly(
                        FILE + ":5: 'metadata' must be a mapping (or a JSON object), but is 7; it is ignored",
                        FILE + ":4: 'user-invocable' must be true or false, but is \"sometimes\"; true is used");
    }

    @Test
    void metadataGivenAsAJsonStringIsRead() {
        SkillMarkdown.Result result = parse(
                "---\nname: pdf\ndescription: d\nmetadata: '{\"openclaw\": {\"requires\": {\"bins\": [\"gh\"],},}}'\n---\n");

        assertThat(result.document().requirements().bins()).containsExactly("gh");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(parse("---\nname: pdf\nname: other\ndescription: d\n---\n")
                        .diagnostics()
                        .get(0)
                        .code())
                .isEqualTo("skill.yaml");
    }
}
