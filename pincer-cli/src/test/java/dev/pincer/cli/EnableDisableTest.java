package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

class EnableDisableTest {

    private static final TomlMapper TOML = TomlMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void disableAndEnableSurviveARestart() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        host.homePlugin("calendar", "1.0.0");

        TestHost.Run disable = host.run("plugins", "disable", "weather");

        assertThat(disable.status()).isZero();
        assertThat(disable.out())
                .isEqualTo("disabled 'weather' in " + host.homeConfig() + "\n"
                        + "'weather' is now disabled: disabled in " + host.homeConfig() + "\n");
        assertThat(enabled(host, "weather")).isFalse();
        assertThat(state(host, "weather")).isEqualTo("disabled");
        assertThat(state(host, "calendar")).isEqualTo("resolved");

        TestHost.Run enable = host.run("plugins", "enable", "weather");

        assertThat(enable.status()).isZero();
        assertThat(enable.out())
                .isEqualTo("enabled 'weather' in " + host.homeConfig() + "\n" + "'weather' is now resolved: enabled in "
                        + host.homeConfig() + "\n");
        assertThat(enabled(host, "weather")).isTrue();
        assertThat(state(host, "weather")).isEqualTo("resolved");
    }

    @Test
    void rewriteKeepsTheRestOfTheConfig() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        host.homePlugin("calendar", "1.0.0");
        TestHost.write(
                host.homeConfig(),
                "[plugins]\ndeny = [\"evil\"]\n[plugins.entries.calendar]\nenabled = false\n"
                        + "[plugins.entries.weather.config]\nunits = \"metric\"\n");

        assertThat(host.run("plugins", "disable", "weather").status()).isZero();

        JsonNode config = TOML.readTree(TestHost.read(host.homeConfig()));
        assertThat(config.at("/plugins/deny/0").asString()).isEqualTo("evil");
        assertThat(config.at("/plugins/entries/calendar/enabled").asBoolean()).isFalse();
        assertThat(config.at("/plugins/entries/weather/config/units").asString())
                .isEqualTo("metric");
        assertThat(config.at("/plugins/entries/weather/enabled").asBoolean()).isFalse();
        assertThat(state(host, "calendar")).isEqualTo("disabled");
    }

    @Test
    void enableRefusesADeniedIdAndLeavesTheFileAlone() throws IOException {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        String config = "[plugins]\ndeny = [\"weather\"]\n";
        TestHost.write(host.homeConfig(), config);
        var before = Files.getLastModifiedTime(host.homeConfig());

        TestHost.Run run = host.run("plugins", "enable", "weather");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("error: 'weather' is listed in plugins.deny in " + host.homeConfig()
                        + ", and deny wins over enable\n"
                        + "  hint: remove it from plugins.deny if you trust it; nothing was changed\n");
        assertThat(TestHost.read(host.homeConfig())).isEqualTo(config);
        assertThat(Files.getLastModifiedTime(host.homeConfig())).isEqualTo(before);
        assertThat(state(host, "weather")).isEqualTo("blocked");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[plugins\nallow = [",
                "[plugins]\nallow = \"weather\"\n",
                "[plugins.entries.weather]\nenabled = \"yes\"\n"
            })
    void brokenHomeConfigIsNeverRewritten(String config) {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        TestHost.write(host.homeConfig(), config);

        TestHost.Run disable = host.run("plugins", "disable", "weather");
        TestHost.Run enable = host.run("plugins", "enable", "weather");

        for (TestHost.Run run : new TestHost.Run[] {disable, enable}) {
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .startsWith("error: cannot change " + host.homeConfig() + ": ")
                    .contains("  hint: fix the file by hand first (`pincer plugins doctor` lists its problems);"
                            + " nothing was changed");
        }
        assertThat(TestHost.read(host.homeConfig())).isEqualTo(config);
        assertThat(host.home.resolve("config.toml.bak")).doesNotExist();
        assertThat(state(host, "weather")).isEqualTo("blocked");
    }

    @Test
    void enableAddsTheIdToAnExistingAllowList() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        host.homePlugin("calendar", "1.0.0");
        TestHost.write(host.homeConfig(), "[plugins]\nallow = [\"calendar\"]\n");
        assertThat(state(host, "weather")).isEqualTo("blocked");

        TestHost.Run run = host.run("plugins", "enable", "weather");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .startsWith("added 'weather' to plugins.allow in " + host.homeConfig() + "\n")
                .contains("'weather' is now resolved");
        JsonNode config = TOML.readTree(TestHost.read(host.homeConfig()));
        assertThat(config.at("/plugins/allow").toString()).isEqualTo("[\"calendar\",\"weather\"]");
        assertThat(state(host, "weather")).isEqualTo("resolved");
        assertThat(state(host, "calendar")).isEqualTo("resolved");
    }

    @Test
    void disablingKeepsTheCommentsOfTheConfigFile() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        String config = "# my settings\n[plugins.entries.weather]  # the forecast\nenabled = true\n";
        TestHost.write(host.homeConfig(), config);

        TestHost.Run run = host.run("plugins", "disable", "weather");

        assertThat(run.status()).isZero();
        assertThat(TestHost.read(host.homeConfig()))
                .isEqualTo("# my settings\n[plugins.entries.weather]  # the forecast\nenabled = false\n");
        assertThat(run.out()).doesNotContain("cannot be kept");
        assertThat(host.home.resolve("config.toml.bak")).doesNotExist();
        assertThat(enabled(host, "weather")).isFalse();
    }

    @Test
    void disablingADependencyNamesThePluginsThatNeedIt() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("lib", "1.0.0");
        TestHost.plugin(host.homePlugins(), "app", Manifests.dependingOn("app", "1.0.0", Map.of("lib", "^1.0.0")));

        TestHost.Run run = host.run("plugins", "disable", "lib");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("note: 'app' depends on 'lib' and can no longer be used");
        assertThat(state(host, "app")).isEqualTo("failed");
    }

    @Test
    void saysWhenTheWorkspaceConfigStillDecides() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        TestHost.write(host.workspaceConfig(), "[plugins.entries.weather]\nenabled = false\n");

        TestHost.Run run = host.run("plugins", "enable", "weather");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("'weather' is now disabled: disabled in " + host.workspaceConfig())
                .contains("note: another setting still decides; see the reason above");
        assertThat(enabled(host, "weather")).isTrue();
    }

    @Test
    void unknownIdIsRefusedWithoutCreatingTheFile() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");

        TestHost.Run run = host.run("plugins", "disable", "weathr");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: no plugin with id 'weathr' is installed")
                .contains("hint: did you mean 'weather'?");
        assertThat(host.homeConfig()).doesNotExist();
    }

    @Test
    void disableWorksInAHomeThatDoesNotExistYet() throws IOException {
        TestHost host = new TestHost(tmp);
        Files.delete(host.home);
        host.workspacePlugin("weather", "1.0.0");

        TestHost.Run run = host.run("plugins", "disable", "weather");

        assertThat(run.status()).isZero();
        assertThat(enabled(host, "weather")).isFalse();
        assertThat(state(host, "weather")).isEqualTo("disabled");
    }

    @Test
    void idsWithDotsSurviveARestart() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("acme.weather", "1.0.0");
        host.homePlugin("acme", "1.0.0");

        assertThat(host.run("plugins", "disable", "acme.weather").status()).isZero();

        assertThat(state(host, "acme.weather")).isEqualTo("disabled");
        assertThat(state(host, "acme")).isEqualTo("resolved");
        assertThat(host.run("plugins", "doctor").out()).contains("No problems found.");
        assertThat(host.run("plugins", "enable", "acme.weather").status()).isZero();
        assertThat(state(host, "acme.weather")).isEqualTo("resolved");
    }

    /** Reads {@code enabled} for {@code id} back from the home config file. */
    private static boolean enabled(TestHost host, String id) {
        JsonNode entry = TOML.readTree(TestHost.read(host.homeConfig()))
                .path("plugins")
                .path("entries")
                .path(id);
        assertThat(entry.path("enabled").isBoolean())
                .as("enabled of %s in %s", id, TestHost.read(host.homeConfig()))
                .isTrue();
        return entry.path("enabled").asBoolean();
    }

    /** Returns the state a fresh run of the CLI reports for {@code id}. */
    private static String state(TestHost host, String id) {
        for (JsonNode p : host.json("plugins", "list", "--json")) {
            if (p.get("id").asString().equals(id)) {
                return p.get("state").asString();
            }
        }
        throw new AssertionError(id + " is not listed");
    }
}
