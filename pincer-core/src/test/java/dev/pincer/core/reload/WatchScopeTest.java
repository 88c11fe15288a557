package dev.pincer.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchScopeTest {

    @TempDir
    Path dir;

    @Test
    void registersTheNearestExistingAncestorOfEachTarget() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        WatchScope scope = new WatchScope(
                List.of(home.resolve("plugins"), dir.resolve("missing/deep/skills")),
                List.of(home.resolve("config.toml")));

        assertThat(scope.roots()).containsExactly(dir);

        Files.createDirectories(dir.resolve("missing/deep"));
        assertThat(scope.roots()).containsExactly(home, dir.resolve("missing/deep"));
    }

    @Test
    void visitsOnlyTheWayToATargetAndTheInsideOfWatchedFolders() {
        Path ws = dir.resolve("ws");
        WatchScope scope = new WatchScope(List.of(ws.resolve(".pincer/skills")), List.of(ws.resolve("pincer.toml")));

        assertThat(scope.visits(ws)).isTrue();
        assertThat(scope.visits(ws.resolve(".pincer"))).isTrue();
        assertThat(scope.visits(ws.resolve(".pincer/skills/a/scripts"))).isTrue();
        assertThat(scope.visits(ws.resolve("node_modules"))).isFalse();
        assertThat(scope.visits(ws.resolve(".pincer/plugins"))).isFalse();
    }

    @Test
    void concernsOnlyTheWatchedFilesAndWhatIsInsideWatchedFolders() {
        Path ws = dir.resolve("ws");
        WatchScope scope = new WatchScope(List.of(ws.resolve("skills")), List.of(ws.resolve("pincer.toml")));

        assertThat(scope.concerns(ws.resolve("pincer.toml"))).isTrue();
        assertThat(scope.concerns(ws.resolve("skills"))).isTrue();
        assertThat(scope.concerns(ws.resolve("skills/a/SKILL.md"))).isTrue();
        assertThat(scope.concerns(ws.resolve("pincer.toml.tmp"))).isFalse();
        assertThat(scope.concerns(ws.resolve("skillsets/x"))).isFalse();
        assertThat(scope.concerns(ws)).isFalse();
    }
}
