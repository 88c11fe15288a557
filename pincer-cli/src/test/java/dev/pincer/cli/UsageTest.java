package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class UsageTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "-h",
                "help",
                "help plugins",
                "plugins --help",
                "plugins list --help",
                "plugins inspect --help",
                "plugins doctor --help",
                "plugins enable --help",
                "plugins disable --help",
                "plugins list -h"
            })
    void helpOnEveryCommandPrintsUsage(String args) {
        TestHost host = new TestHost(tmp);

        TestHost.Run run = host.runBare(args.split(" "));

        assertThat(run.status()).as(run.toString()).isZero();
        String command =
                args.replace("help", "").replace("-h", "").replace("--", "").trim();
        assertThat(run.out()).startsWith("Usage: pincer " + command).contains("Show this help message and exit.");
        assertThat(run.err()).isEmpty();
        assertThat(host.homeConfig()).doesNotExist();
    }

    @Test
    void topLevelHelpExplainsExitStatus() {
        TestHost.Run run = new TestHost(tmp).runBare("--help");

        assertThat(run.out())
                .contains("--home=DIR", "--workspace=DIR", "plugins")
                .contains("Exit status: 0 success, 1 failure or problems found, 2 usage error.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "--home /nowhere --version"})
    void versionPrintsTheHostVersion(String args) {
        TestHost.Run run = new TestHost(tmp).runBare(args.split(" "));

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("pincer 0.1.0\n");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plugins --version", "plugins list --version", "plugins doctor -V"})
    void versionOfASubcommandPrintsTheHostVersion(String args) {
        TestHost.Run run = new TestHost(tmp).runBare(args.split(" "));

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("pincer 0.1.0\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--bogus plugins list | --bogus",
                "plugins --bogus | --bogus",
                "plugins list --bogus | --bogus",
                "plugins list --jsn | --jsn",
                "plugins doctor -x | -x",
                "plugins inspect weather --verbose | --verbose",
                "plugins enable weather --force | --force"
            })
    void unknownOptionIsAUsageErrorThatNamesIt(String args, String option) {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");

        TestHost.Run run = host.run(args.split(" "));

        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '" + option + "'");
        assertThat(run.out()).isEmpty();
        assertThat(host.homeConfig()).doesNotExist();
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        TestHost.Run run = new TestHost(tmp).run("plugins", "lsit");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("lsit");
    }

    @Test
    void pluginsAloneAsksForASubcommand() {
        TestHost.Run run = new TestHost(tmp).run("plugins");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("Missing subcommand: say what to do, e.g. `pincer plugins list`\n")
                .contains("Usage: pincer plugins");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void nothingAtAllAsksForASubcommand() {
        TestHost.Run run = new TestHost(tmp).runBare();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required subcommand").contains("Usage: pincer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plugins inspect", "plugins enable", "plugins disable"})
    void commandWithoutAnIdIsAUsageError(String args) {
        TestHost.Run run = new TestHost(tmp).run(args.split(" "));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'ID'");
    }

    @Test
    void globalOptionWithoutItsValueIsAUsageError() {
        TestHost.Run run = new TestHost(tmp).runBare("--home");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter for option '--home'");
    }

    @Test
    void homeComesFromPincerHomeThenFromHome() {
        Path home = tmp.resolve("pincer-home");
        Path user = tmp.resolve("user");
        TestHost.plugin(home.resolve("plugins"), "weather", Manifests.minimal("weather", "1.0.0"));
        TestHost.plugin(user.resolve(".pincer").resolve("plugins"), "calendar", Manifests.minimal("calendar", "1.0.0"));

        JsonNode fromPincerHome = runList(Map.of("PINCER_HOME", home.toString(), "HOME", user.toString()));
        JsonNode fromHome = runList(Map.of("HOME", user.toString()));
        JsonNode blankPincerHome = runList(Map.of("PINCER_HOME", " ", "HOME", user.toString()));

        assertThat(fromPincerHome.get(0).get("id").asString()).isEqualTo("weather");
        assertThat(fromPincerHome.get(0).get("source").asString()).isEqualTo("home");
        assertThat(fromHome.get(0).get("id").asString()).isEqualTo("calendar");
        assertThat(blankPincerHome.get(0).get("id").asString()).isEqualTo("calendar");
    }

    @Test
    void relativeHomeAndWorkspaceAreResolvedAgainstTheWorkingDirectory() {
        TestHost.plugin(tmp.resolve("h/plugins"), "weather", Manifests.minimal("weather", "1.0.0"));
        TestHost.plugin(tmp.resolve("w/.pincer/plugins"), "calendar", Manifests.minimal("calendar", "1.0.0"));
        Main.Environment environment = new Main.Environment(Map.of(), tmp, null);

        TestHost.Run run =
                TestHost.Run.of(environment, "", "--home", "h", "--workspace", "w", "plugins", "list", "--json");

        assertThat(run.status()).isZero();
        JsonNode list = run.json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("source").asString()).isEqualTo("workspace");
        assertThat(list.get(0).get("path").asString())
                .isEqualTo(tmp.resolve("w/.pincer/plugins/calendar").toString());
        assertThat(list.get(1).get("source").asString()).isEqualTo("home");
    }

    private JsonNode runList(Map<String, String> env) {
        TestHost.Run run = TestHost.Run.of(new Main.Environment(env, tmp, null), "", "plugins", "list", "--json");
        assertThat(run.status()).as(run.toString()).isZero();
        return run.json();
    }
}
