package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class InspectCommandTest {

    private static final String SECRET = "sk-live-7f3c9e1d0b";

    private static final String SETTINGS_SCHEMA = "\"config\":{\"type\":\"object\",\"properties\":{"
            + "\"token\":{\"type\":\"string\"},"
            + "\"region\":{\"type\":\"string\",\"default\":\"eu\"},"
            + "\"mirrors\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"auth\":{\"type\":\"object\",\"properties\":{\"header\":{\"type\":\"string\"}}}}}";

    @TempDir
    Path tmp;

    @Test
    void showsTheShadowedCopyOfAnOverriddenPlugin() {
        TestHost host = new TestHost(tmp);
        Path loser = host.homePlugin("weather", "1.0.0");
        Path winner = host.workspacePlugin("weather", "2.0.0");

        JsonNode json = host.json("plugins", "inspect", "weather", "--json");
        TestHost.Run text = host.run("plugins", "inspect", "weather");

        assertThat(json.get("version").asString()).isEqualTo("2.0.0");
        assertThat(json.get("source").asString()).isEqualTo("workspace");
        assertThat(json.get("path").asString()).isEqualTo(winner.toString());
        assertThat(json.get("shadowed")).hasSize(1);
        JsonNode copy = json.get("shadowed").get(0);
        assertThat(copy.get("version").asString()).isEqualTo("1.0.0");
        assertThat(copy.get("source").asString()).isEqualTo("home");
        assertThat(copy.get("path").asString()).isEqualTo(loser.toString());
        assertThat(text.status()).isZero();
        assertThat(text.out())
                .startsWith("weather 2.0.0")
                .contains("  source: workspace  " + winner)
                .contains("  shadowed copies:\n    1.0.0  home  " + loser + "\n")
                .contains("is shadowed by 2.0.0");
    }

    @Test
    void showsTheManifestAsReadAndWhatThePluginAsksFor() {
        TestHost host = new TestHost(tmp);
        Path folder = TestHost.plugin(
                host.homePlugins(),
                "weather",
                Manifests.with(
                        "weather",
                        "1.2.0",
                        "\"name\":\"Weather\",\"description\":\"Forecasts.\",\"pincer\":\"^0.1.0\","
                                + "\"provides\":{\"tools\":[{\"name\":\"forecast\"},{\"name\":\"purge\",\"destructive\":true}],"
                                + "\"commands\":[{\"name\":\"weather\"}]},"
                                + "\"permissions\":{\"network\":[\"api.weather.example\"],\"env\":[\"WEATHER_KEY\"],"
                                + "\"filesystem\":[{\"path\":\"/tmp/cache\",\"mode\":\"read-write\"}]},"
                                + "\"activation\":{\"mode\":\"lazy\"}"));

        JsonNode json = host.json("plugins", "inspect", "weather", "--json");
        TestHost.Run text = host.run("plugins", "inspect", "weather");

        assertThat(json.get("manifestFile").asString())
                .isEqualTo(folder.resolve("pincer-plugin.json").toString());
        assertThat(json.get("manifest").get("description").asString()).isEqualTo("Forecasts.");
        assertThat(json.get("manifest").get("provides").get("tools")).hasSize(2);
        assertThat(json.get("provides").toString()).contains("tools", "commands");
        assertThat(json.get("permissions").get("network").get(0).asString()).isEqualTo("api.weather.example");
        assertThat(json.get("permissions").get("env").get(0).asString()).isEqualTo("WEATHER_KEY");
        assertThat(json.get("permissions").get("filesystem").get(0).get("mode").asString())
                .isEqualTo("read-write");
        assertThat(json.get("permissions").get("shell").asBoolean()).isFalse();
        assertThat(json.get("activation").asString()).isEqualTo("lazy");
        assertThat(json.get("pincer").asString()).isEqualTo("^0.1.0");
        assertThat(json.get("dependencies")).isEmpty();
        assertThat(json.get("diagnostics")).isEmpty();
        assertThat(text.out())
                .startsWith("weather 1.2.0  (Weather)\n  Forecasts.\n")
                .contains("  state: awaiting-approval — asks for network: api.weather.example;"
                        + " files: /tmp/cache (read-write); env: WEATHER_KEY; run `pincer plugins approve weather`")
                .contains("  pincer: ^0.1.0")
                .contains("  activation: lazy")
                .contains("    tools: forecast, purge (destructive)")
                .contains("    commands: /weather")
                .contains("  permissions asked for:")
                .contains("    network: api.weather.example")
                .contains("    files: /tmp/cache (read-write)")
                .contains("    env: WEATHER_KEY")
                .contains("  approval: awaiting: nothing approved yet");
        assertThat(json.get("approval").get("status").asString()).isEqualTo("awaiting");
        assertThat(json.get("approval").get("pending").get("env").get(0).asString())
                .isEqualTo("WEATHER_KEY");
    }

    @Test
    void reportsHowEachDependencyResolved() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("lib", "1.5.0");
        host.homePlugin("old", "1.0.0");
        host.homePlugin("off", "1.0.0");
        TestHost.write(host.homeConfig(), "[plugins.entries.off]\nenabled = false\n");
        TestHost.plugin(
                host.homePlugins(),
                "app",
                Manifests.dependingOn(
                        "app", "1.0.0", Map.of("lib", "^1.0.0", "old", "^2.0.0", "off", "^1.0.0", "gone", "^1.0.0")));

        JsonNode json = host.json("plugins", "inspect", "app", "--json");

        assertThat(json.get("state").asString()).isEqualTo("failed");
        Map<String, JsonNode> deps = new TreeMap<>();
        json.get("dependencies").forEach(d -> deps.put(d.get("id").asString(), d));
        assertThat(deps).containsOnlyKeys("lib", "old", "off", "gone");
        assertThat(deps.get("lib").get("status").asString()).isEqualTo("satisfied");
        assertThat(deps.get("lib").get("found").asString()).isEqualTo("1.5.0");
        assertThat(deps.get("lib").get("range").asString()).isEqualTo("^1.0.0");
        assertThat(deps.get("old").get("status").asString()).isEqualTo("version-mismatch");
        assertThat(deps.get("old").get("found").asString()).isEqualTo("1.0.0");
        assertThat(deps.get("off").get("status").asString()).isEqualTo("unavailable");
        assertThat(deps.get("gone").get("status").asString()).isEqualTo("missing");
        assertThat(deps.get("gone").get("found").isNull()).isTrue();
        assertThat(host.run("plugins", "inspect", "app").out())
                .contains("    lib ^1.0.0  → 1.5.0  satisfied")
                .contains("    old ^2.0.0  → 1.0.0  version-mismatch")
                .contains("    gone ^1.0.0  → none  missing");
    }

    @Test
    void reportsCycleStatusForEveryMemberOfACycle() {
        TestHost host = new TestHost(tmp);
        TestHost.plugin(host.homePlugins(), "alpha", Manifests.dependingOn("alpha", "1.0.0", Map.of("beta", "*")));
        TestHost.plugin(host.homePlugins(), "beta", Manifests.dependingOn("beta", "1.0.0", Map.of("alpha", "*")));

        for (String id : List.of("alpha", "beta")) {
            JsonNode json = host.json("plugins", "inspect", id, "--json");
            assertThat(json.get("state").asString()).isEqualTo("failed");
            assertThat(json.get("dependencies").get(0).get("status").asString()).isEqualTo("cycle");
        }
    }

    @Test
    void showsSettingsWithReferencesButNeverTheSecret() {
        TestHost host = new TestHost(tmp).env("WEATHER_TOKEN", SECRET);
        TestHost.plugin(host.homePlugins(), "weather", Manifests.with("weather", "1.0.0", SETTINGS_SCHEMA));
        TestHost.write(
                host.homeConfig(),
                "[plugins.entries.weather.config]\n"
                        + "token = \"${WEATHER_TOKEN}\"\n"
                        + "mirrors = [\"https://${WEATHER_TOKEN}@mirror.example\"]\n"
                        + "[plugins.entries.weather.config.auth]\n"
                        + "header = \"Bearer ${WEATHER_TOKEN}\"\n");

        JsonNode json = host.json("plugins", "inspect", "weather", "--json");
        TestHost.Run text = host.run("plugins", "inspect", "weather");

        // Resolved proves the reference was expanded from the environment: a missing one fails.
        assertThat(json.get("state").asString()).isEqualTo("resolved");
        JsonNode settings = json.get("settings");
        assertThat(settings.get("token").asString()).isEqualTo("${WEATHER_TOKEN}");
        assertThat(settings.get("mirrors").get(0).asString()).isEqualTo("https://${WEATHER_TOKEN}@mirror.example");
        assertThat(settings.get("auth").get("header").asString()).isEqualTo("Bearer ${WEATHER_TOKEN}");
        assertThat(settings.get("region").asString()).isEqualTo("eu");
        assertThat(text.out()).contains("  settings: ").contains("\"token\":\"${WEATHER_TOKEN}\"");
        assertSecretNeverPrinted(host);
    }

    @Test
    void invalidSettingsNeverPrintTheSecret() {
        TestHost host = new TestHost(tmp).env("WEATHER_TOKEN", SECRET);
        TestHost.plugin(
                host.homePlugins(),
                "weather",
                Manifests.with(
                        "weather",
                        "1.0.0",
                        "\"config\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
                                + "\"a\":{\"type\":\"string\",\"pattern\":\"^x\"},\"b\":{\"const\":\"q\"},"
                                + "\"c\":{\"enum\":[\"q\"]},\"d\":{\"type\":\"string\",\"maxLength\":2},"
                                + "\"e\":{\"type\":\"integer\"},\"f\":{\"not\":{\"type\":\"string\"}}}}"));
        StringBuilder config = new StringBuilder("[plugins.entries.weather.config]\n");
        for (String key : List.of("a", "b", "c", "d", "e", "f", "g")) {
            config.append(key).append(" = \"${WEATHER_TOKEN}\"\n");
        }
        TestHost.write(host.homeConfig(), config.toString());

        JsonNode json = host.json("plugins", "inspect", "weather", "--json");

        assertThat(json.get("state").asString()).isEqualTo("failed");
        assertThat(json.get("reason").asString()).startsWith("settings of 'weather' are invalid: ");
        assertThat(json.has("settings")).isFalse();
        assertThat(host.run("plugins", "doctor").out()).contains("[config.invalid-settings] weather");
        assertSecretNeverPrinted(host);
    }

    @Test
    void missingEnvironmentVariableFailsThePluginAndNamesIt() {
        TestHost host = new TestHost(tmp);
        TestHost.plugin(host.homePlugins(), "weather", Manifests.with("weather", "1.0.0", SETTINGS_SCHEMA));
        TestHost.write(host.homeConfig(), "[plugins.entries.weather.config]\ntoken = \"${WEATHER_TOKEN}\"\n");

        TestHost.Run run = host.run("plugins", "inspect", "weather");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("  state: failed — setting 'token' of 'weather' refers to ${WEATHER_TOKEN},"
                        + " which is not set in the environment")
                .contains("hint: export WEATHER_TOKEN=… before starting Pincer");
    }

    @Test
    void unknownIdSuggestsTheClosestInstalledId() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");

        TestHost.Run close = host.run("plugins", "inspect", "wether");
        TestHost.Run far = host.run("plugins", "inspect", "zzzzzzzzzz", "--json");

        assertThat(close.status()).isEqualTo(1);
        assertThat(close.out()).isEmpty();
        assertThat(close.err())
                .isEqualTo("error: no plugin with id 'wether' is installed\n"
                        + "  hint: did you mean 'weather'? `pincer plugins list` shows every plugin\n");
        assertThat(far.status()).isEqualTo(1);
        assertThat(far.out()).isEmpty();
        assertThat(far.err())
                .contains("error: no plugin with id 'zzzzzzzzzz' is installed")
                .contains("hint: `pincer plugins list` shows every plugin")
                .doesNotContain("did you mean");
    }

    @Test
    void brokenManifestShowsItsProblemsWithFileAndHint() {
        TestHost host = new TestHost(tmp);
        Path folder = TestHost.plugin(host.homePlugins(), "broken", "{\"id\":\"broken\",\"version\":\"1.0.0\"}");

        JsonNode json = host.json("plugins", "inspect", "broken", "--json");
        TestHost.Run text = host.run("plugins", "inspect", "broken");

        assertThat(json.get("state").asString()).isEqualTo("failed");
        assertThat(json.has("manifest")).isFalse();
        JsonNode problem = json.get("diagnostics").get(0);
        assertThat(problem.get("severity").asString()).isEqualTo("error");
        assertThat(problem.get("pluginId").asString()).isEqualTo("broken");
        assertThat(problem.get("path").asString())
                .isEqualTo(folder.resolve("pincer-plugin.json").toString());
        assertThat(problem.get("message").asString()).contains("runtime");
        assertThat(text.out()).contains("  problems:\n    error [manifest.schema] broken  " + folder);
    }

    private static void assertSecretNeverPrinted(TestHost host) {
        List<TestHost.Run> runs = new ArrayList<>();
        for (List<String> args : List.of(
                List.of("plugins", "list"),
                List.of("plugins", "list", "--json"),
                List.of("plugins", "inspect", "weather"),
                List.of("plugins", "inspect", "weather", "--json"),
                List.of("plugins", "doctor"),
                List.of("plugins", "doctor", "--json"),
                List.of("plugins", "disable", "weather"),
                List.of("plugins", "enable", "weather"))) {
            runs.add(host.run(args.toArray(String[]::new)));
        }
        assertThat(runs).allSatisfy(run -> assertThat(run.all()).doesNotContain(SECRET));
    }
}
