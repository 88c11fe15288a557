package dev.pincer.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillSpecTest {

    @Test
    void rejectsSkillNamesOutsideAgentSkillsRules() {
        for (String bad : new String[] {"Pdf", "-pdf", "pdf-", "pdf--tools", "pdf_tools", "a".repeat(65)}) {
            assertThatThrownBy(() -> SkillSpec.inline(bad, "Reads PDFs", "# PDF"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }

    @Test
    void requiresExactlyOneOfLocationAndBody(@TempDir Path folder) {
        assertThatThrownBy(() -> new SkillSpec("pdf-tools", "Reads PDFs", folder, "# PDF", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("location and body")
                .hasMessageContaining("both");
        assertThatThrownBy(() -> new SkillSpec("pdf-tools", "Reads PDFs", null, null, true))
                .hasMessageContaining("neither");
    }
}
