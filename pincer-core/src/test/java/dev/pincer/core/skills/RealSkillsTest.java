package dev.pincer.core.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads every {@code SKILL.md} of the published packages {@code tools/skill-peers/fetch.sh} unpacks
 * ({@code openclaw@2026.9.6}, {@code @mem0/openclaw-mem0@1.0.16}): each loads, or has a precise
 * finding for a real defect.
 */
class RealSkillsTest {

    private static final Map<Path, Result> RESULTS = new TreeMap<>();

    private record Result(Skill skill, List<Diagnostic> findings) {}

    @BeforeAll
    static void loadAll() throws IOException {
        String peers = System.getProperty("pincer.skillPeers");
        assertThat(peers)
                .as("system property pincer.skillPeers (set by the build; run tools/skill-peers/fetch.sh)")
                .isNotNull();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(peers))) {
            files = walk.filter(p -> p.getFileName().toString().equals("SKILL.md"))
                    .toList();
        }
        for (Path file : files) {
            List<Diagnostic> findings = new ArrayList<>();
            Skill skill = SkillScanner.readSkill(
                            file.getParent(), SkillSource.BUNDLED, null, SkillLimits.defaults(), findings)
                    .orElse(null);
            RESULTS.put(file, new Result(skill, findings));
        }
    }

    @Test
    void everyPublishedSkillLoadsWithoutAFinding() {
        assertThat(RESULTS).as("SKILL.md files in the fetched packages").hasSize(68);
        assertThat(RESULTS.keySet().stream().filter(p -> p.toString().contains("openclaw-mem0")))
                .hasSize(2);
        RESULTS.forEach((file, result) -> {
            assertThat(result.findings()).as(file.toString()).isEmpty();
            assertThat(result.skill()).as(file.toString()).isNotNull();
        });
    }

    @Test
    void foldedDescriptionsAndInlineJsonMetadataOfMem0AreRead() {
        SkillDocument triage = skill("memory-triage").document();

        assertThat(triage.description())
                .startsWith("Persistent long-term memory protocol powered by mem0. Evaluate conversations")
                .doesNotContain("\n");
        assertThat(triage.userInvocable()).isFalse();
        assertThat(triage.requirements().env()).containsExactly("MEM0_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY");
        assertThat(triage.requirements().bins()).isEmpty();
        assertThat(skill("memory-dream").document().userInvocable()).isTrue();
    }

    @Test
    void openClawGatingIsReadFromTheBlockMetadataWithTrailingCommas() {
        SkillFacts bare = SkillFacts.of(Map.of("PATH", ""), "Linux");

        assertThat(skill("xurl").document().requirements().unmet(bare)).containsExactly("needs binary 'xurl' on PATH");
        assertThat(skill("peekaboo").document().requirements().unmet(bare))
                .containsExactly("runs only on darwin, not on linux", "needs binary 'peekaboo' on PATH");
        assertThat(skill("spotify-player").document().requirements().unmet(bare))
                .containsExactly("needs one of the binaries 'spogo', 'spotify_player' on PATH");
        assertThat(skill("trello").document().requirements().unmet(bare))
                .containsExactly(
                        "needs binary 'curl' on PATH",
                        "needs binary 'jq' on PATH",
                        "needs environment variable 'TRELLO_API_KEY' set",
                        "needs environment variable 'TRELLO_TOKEN' set");
        assertThat(skill("coding-agent").document().requirements().unmet(bare))
                .contains("needs OpenClaw setting 'skills.entries.coding-agent.enabled', which Pincer does not read");
        assertThat(skill("diagram-maker").document().requirements().unmet(bare)).isEmpty();
    }

    @Test
    void theOpenClawSkillsFolderLoadsAsABundledRootWithItsFiles() {
        Path openclaw = Path.of(System.getProperty("pincer.skillPeers"), "openclaw", "package");
        dev.pincer.core.config.HostLayout layout = new dev.pincer.core.config.HostLayout(
                openclaw.resolve("no-home"), openclaw.resolve("no-workspace"), openclaw.resolve("plugins"), Map.of());
        SkillSet set = new SkillLibrary(
                        layout,
                        dev.pincer.core.config.SkillSettings.defaults(),
                        SkillFacts.of(Map.of("PATH", ""), "Linux"),
                        SkillLimits.defaults())
                .load();

        assertThat(set.skills()).hasSize(51);
        assertThat(set.diagnostics()).isEmpty();
        assertThat(set.find("skill-creator").orElseThrow().skill().files()).contains("SKILL.md");
        assertThat(set.eligible()).extracting(EffectiveSkill::name).contains("diagram-maker", "skill-creator");
    }

    private static Skill skill(String name) {
        return RESULTS.values().stream()
                .map(Result::skill)
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
