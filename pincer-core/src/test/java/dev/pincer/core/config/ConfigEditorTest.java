package dev.pincer.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.Fixtures;
import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigEditorTest {

    private static final ConfigLoader LOADER = ConfigLoader.create();
    private static final ConfigEditor EDITOR = new ConfigEditor(LOADER);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("home").resolve("config.toml");
    }

    private PincerConfig reload() {
        return LOADER.load(Fixtures.layout(dir, Map.of())).config();
    }

    @Test
    void createsTheFileAndTheSettingSurvivesAReload() {
        List<String> changes = EDITOR.setEnabled(file(), "weather", false);

        assertThat(changes).containsExactly("disabled 'weather' in " + file());
        assertThat(reload().entry("weather").orElseThrow().enabled()).isFalse();
        assertThat(dir.resolve("home")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void keepsEverythingElseInTheFile() {
        Fixtures.file(
                file(),
                """
                [plugins]
                deny = ["bad"]
                paths = ["../more"]
                [plugins.entries.weather.config]
                units = "imperial"
                """);

        EDITOR.setEnabled(file(), "weather", true);

        PincerConfig config = reload();
        assertThat(config.deny()).containsKey("bad");
        assertThat(config.paths()).hasSize(1);
        assertThat(config.entry("weather").orElseThrow().config().path("units").asString())
                .isEqualTo("imperial");
        assertThat(config.entry("weather").orElseThrow().enabled()).isTrue();
    }

    @Test
    void neverRewritesABrokenFile() throws IOException {
        String broken = "[plugins\ndeny = [\"x\"]\n";
        Fixtures.file(file(), broken);

        assertThatThrownBy(() -> EDITOR.setEnabled(file(), "weather", false))
                .isInstanceOf(PincerException.class)
                .hasMessageStartingWith("cannot change " + file() + ": not valid TOML");
        assertThat(Files.readString(file())).isEqualTo(broken);
    }

    @Test
    void refusesToEnableADeniedPluginAndChangesNothing() throws IOException {
        String content = "[plugins]\ndeny = [\"weather\"]\n";
        Fixtures.file(file(), content);

        assertThatThrownBy(() -> EDITOR.setEnabled(file(), "weather", true))
                .isInstanceOf(PincerException.class)
                .hasMessageContaining("'weather' is listed in plugins.deny")
                .satisfies(e -> assertThat(((PincerException) e).hint()).contains("nothing was changed"));
        assertThat(Files.readString(file())).isEqualTo(content);
    }

    @Test
    void enablingAddsThePluginToAnExistingAllowlist() {
        Fixtures.file(file(), "[plugins]\nallow = [\"notes\"]\n");

        List<String> changes = EDITOR.setEnabled(file(), "weather", true);

        assertThat(changes).first().isEqualTo("added 'weather' to plugins.allow in " + file());
        assertThat(reload().allow()).containsExactly("notes", "weather");
    }

    @Test
    void changesTheEnabledLineInPlaceSoCommentsAndLayoutStay() throws IOException {
        String commented = "# my settings\n[plugins]\ndeny = [\"x\"]  # never x\n\n"
                + "[plugins.entries.weather]   # the forecast\nenabled = true # for now\ncity = \"Oslo\"\n";
        Fixtures.file(file(), commented);

        List<String> changes = EDITOR.setEnabled(file(), "weather", false);

        assertThat(Files.readString(file())).isEqualTo(commented.replace("enabled = true #", "enabled = false #"));
        assertThat(changes).containsExactly("disabled 'weather' in " + file());
        assertThat(file().resolveSibling("config.toml.bak")).doesNotExist();
    }

    @Test
    void addsTheLineUnderAnExistingTableOrAppendsTheTable() throws IOException {
        Fixtures.file(file(), "# mine\n[plugins.entries.weather]\ncity = \"Oslo\"\n[policy]\ndestructive = \"deny\"\n");

        EDITOR.setEnabled(file(), "weather", false);
        EDITOR.setEnabled(file(), "notes", true);

        assertThat(Files.readString(file()))
                .isEqualTo("# mine\n[plugins.entries.weather]\nenabled = false\ncity = \"Oslo\"\n[policy]\n"
                        + "destructive = \"deny\"\n\n[plugins.entries.notes]\nenabled = true\n");
        assertThat(reload().entry("weather").orElseThrow().enabled()).isFalse();
        assertThat(reload().entry("notes").orElseThrow().enabled()).isTrue();
    }

    @Test
    void backsUpACommentedFileWhenOnlyAWholeRewriteCanMakeTheChange() throws IOException {
        // A dotted key outside the plugin's own table cannot be edited line by line.
        String commented = "# my settings\n[plugins]\nentries.weather.enabled = true\n";
        Fixtures.file(file(), commented);

        List<String> changes = EDITOR.setEnabled(file(), "weather", false);

        Path backup = file().resolveSibling("config.toml.bak");
        assertThat(Files.readString(backup)).isEqualTo(commented);
        assertThat(changes).anySatisfy(c -> assertThat(c).contains("copied to " + backup));
        assertThat(reload().entry("weather").orElseThrow().enabled()).isFalse();
    }

    @Test
    void keepsTheFilePermissions() throws IOException {
        Fixtures.file(file(), "[plugins]\n");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));

        EDITOR.setEnabled(file(), "weather", false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
                .isEqualTo("rw-------");
    }

    @Test
    void concurrentEditsLeaveAValidFile() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "p" + i;
            Thread thread = new Thread(() -> EDITOR.setEnabled(file(), id, false));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        ConfigLoadResult loaded = LOADER.load(Fixtures.layout(dir, Map.of()));
        assertThat(loaded.usable()).isTrue();
        assertThat(loaded.config().entries()).isNotEmpty();
    }
}
