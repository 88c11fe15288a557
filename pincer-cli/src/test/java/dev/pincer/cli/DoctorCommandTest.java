package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class DoctorCommandTest {

    @TempDir
    Path tmp;

    @Test
    void cleanSetupHasNoProblems() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        TestHost.plugin(host.bundled, "guide", Manifests.minimal("guide", "0.1.0"));

        TestHost.Run text = host.run("plugins", "doctor");
        JsonNode json = host.json("plugins", "doctor", "--json");

        assertThat(text.status()).isZero();
        assertThat(text.out())
                .startsWith("Pincer 0.1.0 checked 2 plugins in:\n")
                .contains("  home root " + host.homePlugins())
                .endsWith("No problems found.\n");
        assertThat(text.err()).isEmpty();
        assertThat(json.get("hostVersion").asString()).isEqualTo("0.1.0");
        assertThat(json.get("plugins").asInt()).isEqualTo(2);
        List<String> kinds = new ArrayList<>();
        json.get("roots").forEach(r -> kinds.add(r.get("kind").asString()));
        assertThat(kinds).containsExactly("bundled", "home", "workspace");
        assertThat(json.get("roots").get(1).get("path").asString())
                .isEqualTo(host.homePlugins().toString());
        assertThat(json.get("counts").get("error").asInt()).isZero();
        assertThat(json.get("counts").get("warning").asInt()).isZero();
        assertThat(json.get("counts").get("info").asInt()).isZero();
        assertThat(json.get("diagnostics")).isEmpty();
    }

    @Test
    void warningsAloneDoNotFailTheCheck() {
        TestHost host = new TestHost(tmp);
        TestHost.plugin(host.homePlugins(), "weather", Manifests.with("weather", "1.0.0", "\"licence\":\"MIT\""));

        TestHost.Run run = host.run("plugins", "doctor");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("warning [manifest.unknown-key] weather")
                .contains("unknown key 'licence'")
                .contains("hint: did you mean 'license'?")
                .contains("0 errors, 1 warning, 0 notes.");
    }

    @Test
    void brokenManifestIsAnErrorWithPathAndHint() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        Path manifest = TestHost.plugin(host.workspacePlugins(), "broken", "{\"id\": \"broken\", \"version\": ")
                .resolve("pincer-plugin.json");

        TestHost.Run text = host.run("plugins", "doctor");
        TestHost.Run json = host.run("plugins", "doctor", "--json");

        assertThat(text.status()).isEqualTo(1);
        assertThat(text.out())
                .contains("error [manifest.syntax] broken  " + manifest + "\n  not valid JSON: ")
                .contains("  hint: fix the syntax; `pincer plugins doctor` re-checks it")
                .contains("1 error, 0 warnings, 0 notes.");
        assertThat(json.status()).isEqualTo(1);
        JsonNode report = json.json();
        assertThat(report.get("counts").get("error").asInt()).isEqualTo(1);
        JsonNode problem = report.get("diagnostics").get(0);
        assertThat(problem.get("severity").asString()).isEqualTo("error");
        assertThat(problem.get("code").asString()).isEqualTo("manifest.syntax");
        assertThat(problem.get("pluginId").asString()).isEqualTo("broken");
        assertThat(problem.get("path").asString()).isEqualTo(manifest.toString());
        assertThat(problem.get("message").asString()).contains("line 1");
        assertThat(problem.get("hint").asString()).isNotBlank();
    }

    @Test
    void cycleOfThreeNamesEveryMember() {
        TestHost host = new TestHost(tmp);
        TestHost.plugin(host.homePlugins(), "red", Manifests.dependingOn("red", "1.0.0", Map.of("green", "^1.0.0")));
        TestHost.plugin(host.homePlugins(), "green", Manifests.dependingOn("green", "1.0.0", Map.of("blue", "^1.0.0")));
        TestHost.plugin(host.homePlugins(), "blue", Manifests.dependingOn("blue", "1.0.0", Map.of("red", "^1.0.0")));
        host.homePlugin("bystander", "1.0.0");

        TestHost.Run run = host.run("plugins", "doctor");
        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("error [resolve.cycle] blue")
                .contains("dependency cycle among blue, green, red: blue → red → green → blue")
                .contains("1 error, 0 warnings, 0 notes.");
        for (JsonNode p : list) {
            if (p.get("id").asString().equals("bystander")) {
                assertThat(p.get("state").asString()).isEqualTo("resolved");
            } else {
                assertThat(p.get("state").asString()).isEqualTo("failed");
                assertThat(p.get("reason").asString()).startsWith("part of a dependency cycle: ");
            }
        }
    }

    @Test
    void versionConflictNamesBothRequirements() {
        TestHost host = new TestHost(tmp);
        Path lib = host.homePlugin("lib", "1.5.0");
        TestHost.plugin(host.homePlugins(), "app", Manifests.dependingOn("app", "1.0.0", Map.of("lib", "^2.0.0")));
        TestHost.plugin(host.homePlugins(), "tool", Manifests.dependingOn("tool", "1.0.0", Map.of("lib", "^1.2.0")));

        TestHost.Run run = host.run("plugins", "doctor");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("error [resolve.version-conflict] app")
                .contains("'app' requires 'lib' ^2.0.0, but 'lib' 1.5.0 is installed (" + lib + ")"
                        + "; also 'tool' requires ^1.2.0 (satisfied)")
                .contains("hint: install a version of 'lib' in ^2.0.0");
    }

    @Test
    void versionConflictHintPointsAtAShadowedCopyThatWouldFit() {
        TestHost host = new TestHost(tmp);
        Path old = host.homePlugin("lib", "2.1.0");
        host.workspacePlugin("lib", "1.0.0");
        TestHost.plugin(host.homePlugins(), "app", Manifests.dependingOn("app", "1.0.0", Map.of("lib", "^2.0.0")));

        TestHost.Run run = host.run("plugins", "doctor");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("hint: a shadowed copy of 'lib' 2.1.0 at " + old + " would satisfy it")
                .contains("warning [discovery.shadowed] lib");
    }

    @Test
    void memorySlotClashBlocksEveryCandidateAndNamesTheSlot() {
        TestHost host = new TestHost(tmp);
        String memory = "\"provides\":{\"memory\":[\"x\"]}";
        TestHost.plugin(host.homePlugins(), "mem-a", Manifests.with("mem-a", "1.0.0", memory));
        TestHost.plugin(host.workspacePlugins(), "mem-b", Manifests.with("mem-b", "1.0.0", memory));

        TestHost.Run doctor = host.run("plugins", "doctor", "--json");
        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(list).allSatisfy(p -> {
            assertThat(p.get("state").asString()).isEqualTo("blocked");
            assertThat(p.get("reason").asString()).contains("mem-a, mem-b").contains("[plugins.slots] memory");
        });
        assertThat(doctor.status()).isEqualTo(1);
        JsonNode clash = doctor.json().get("diagnostics").get(0);
        assertThat(clash.get("code").asString()).isEqualTo("config.slot-clash");
        assertThat(clash.get("severity").asString()).isEqualTo("error");
        assertThat(clash.get("message").asString()).contains("mem-a, mem-b");
        assertThat(clash.get("hint").asString()).contains("[plugins.slots] memory = \"mem-a\"");
    }

    @Test
    void choosingTheMemorySlotEndsTheClash() {
        TestHost host = new TestHost(tmp);
        String memory = "\"provides\":{\"memory\":[\"x\"]}";
        TestHost.plugin(host.homePlugins(), "mem-a", Manifests.with("mem-a", "1.0.0", memory));
        TestHost.plugin(host.homePlugins(), "mem-b", Manifests.with("mem-b", "1.0.0", memory));
        TestHost.write(host.homeConfig(), "[plugins.slots]\nmemory = \"mem-b\"\n");

        TestHost.Run doctor = host.run("plugins", "doctor");
        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(doctor.status()).isZero();
        assertThat(list.get(0).get("state").asString()).isEqualTo("disabled");
        assertThat(list.get(0).get("reason").asString())
                .isEqualTo("the memory slot is assigned to 'mem-b' in " + host.homeConfig());
        assertThat(list.get(1).get("state").asString()).isEqualTo("resolved");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[plugins\nallow = [",
                "[plugins]\ndeny = \"weather\"\n",
                "[plugins.entries.weather]\nenabled = \"yes\"\n"
            })
    void brokenConfigBlocksEveryPlugin(String config) {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        host.workspacePlugin("calendar", "1.0.0");
        TestHost.plugin(host.bundled, "guide", Manifests.minimal("guide", "0.1.0"));
        TestHost.write(host.homeConfig(), config);

        JsonNode list = host.json("plugins", "list", "--json");
        TestHost.Run doctor = host.run("plugins", "doctor", "--json");

        assertThat(list).hasSize(3).allSatisfy(p -> {
            assertThat(p.get("state").asString()).isEqualTo("blocked");
            assertThat(p.get("reason").asString())
                    .isEqualTo(
                            "config file " + host.homeConfig()
                                    + " has errors, so every plugin is blocked until it is fixed (see `pincer plugins doctor`)");
        });
        assertThat(doctor.status()).isEqualTo(1);
        assertThat(doctor.json().get("diagnostics")).anySatisfy(d -> {
            assertThat(d.get("severity").asString()).isEqualTo("error");
            assertThat(d.get("path").asString()).isEqualTo(host.homeConfig().toString());
            assertThat(d.get("hint").asString()).contains("blocked");
        });
    }

    @Test
    void sameIdTwiceInOneRootIsAnError() {
        TestHost host = new TestHost(tmp);
        Path first = TestHost.plugin(host.homePlugins(), "a-weather", Manifests.minimal("weather", "1.0.0"));
        Path second = TestHost.plugin(host.homePlugins(), "b-weather", Manifests.minimal("weather", "2.0.0"));

        TestHost.Run run = host.run("plugins", "doctor");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("error [discovery.duplicate-id] weather  " + second)
                .contains("plugin id 'weather' is declared twice in the home root")
                .contains(first + " is used, " + second + " is ignored")
                .contains("hint: give each plugin its own id, or remove one copy");
    }

    @Test
    void pluginFolderLinkedFromOutsideItsRootIsRefused() throws IOException {
        TestHost host = new TestHost(tmp);
        Path outside = TestHost.plugin(tmp.resolve("elsewhere"), "weather", Manifests.minimal("weather", "1.0.0"));
        Files.createDirectories(host.homePlugins());
        Path link = Files.createSymbolicLink(host.homePlugins().resolve("weather"), outside);

        TestHost.Run doctor = host.run("plugins", "doctor");
        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(list).isEmpty();
        assertThat(doctor.status()).isEqualTo(1);
        assertThat(doctor.out())
                .contains("error [discovery.symlink-escape]  " + link)
                .contains(link + " is a link to " + outside.toRealPath() + ", outside the home root");
    }
}
