package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ListCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listsHundredsOfPluginsExactlyOnceSortedById() {
        TestHost host = new TestHost(tmp);
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add("plugin-" + (1000 + random.nextInt(9000)) + "-" + i);
        }
        Collections.shuffle(ids, random);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            // Folder names sort differently from ids, so the order must come from the ids.
            TestHost.plugin(host.homePlugins(), "folder-" + (ids.size() - i), Manifests.minimal(id, "1.0." + i));
            if (i % 3 == 0) {
                TestHost.plugin(host.workspacePlugins(), "copy-" + i, Manifests.minimal(id, "2.0." + i));
            }
        }

        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(list.isArray()).isTrue();
        List<String> listed = new ArrayList<>();
        list.forEach(p -> listed.add(p.get("id").asString()));
        assertThat(listed).hasSize(300).doesNotHaveDuplicates().isSorted();
        assertThat(listed).containsExactlyElementsOf(new TreeSet<>(ids));
        for (JsonNode p : list) {
            int i = ids.indexOf(p.get("id").asString());
            boolean shadowed = i % 3 == 0;
            assertThat(p.get("version").asString()).isEqualTo((shadowed ? "2.0." : "1.0.") + i);
            assertThat(p.get("source").asString()).isEqualTo(shadowed ? "workspace" : "home");
            assertThat(p.get("path").asString())
                    .isEqualTo(
                            shadowed
                                    ? host.workspacePlugins()
                                            .resolve("copy-" + i)
                                            .toString()
                                    : host.homePlugins()
                                            .resolve("folder-" + (ids.size() - i))
                                            .toString());
            assertThat(p.get("state").asString()).isEqualTo("resolved");
        }
        assertThat(host.run("plugins", "list").out()).contains("300 plugins: 300 resolved");
    }

    @Test
    void jsonSummaryCarriesEveryDocumentedField() {
        TestHost host = new TestHost(tmp);
        Path folder = TestHost.plugin(
                host.homePlugins(),
                "weather",
                Manifests.with(
                        "weather", "1.2.3", "\"name\":\"Weather\",\"description\":\"Forecasts for the agent.\""));

        JsonNode p = host.json("plugins", "list", "--json").get(0);

        assertThat(p.get("id").asString()).isEqualTo("weather");
        assertThat(p.get("name").asString()).isEqualTo("Weather");
        assertThat(p.get("version").asString()).isEqualTo("1.2.3");
        assertThat(p.get("runtime").asString()).isEqualTo("jvm");
        assertThat(p.get("state").asString()).isEqualTo("resolved");
        assertThat(p.get("reason").asString()).isEqualTo("enabled by default");
        assertThat(p.get("source").asString()).isEqualTo("home");
        assertThat(p.get("path").asString()).isEqualTo(folder.toString());
        assertThat(p.get("description").asString()).isEqualTo("Forecasts for the agent.");
    }

    @Test
    void tableRowShowsIdVersionRuntimeStateSourceAndReason() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.2.3");
        host.homePlugin("calendar", "0.4.0");
        TestHost.write(host.homeConfig(), "[plugins.entries.calendar]\nenabled = false\n");

        TestHost.Run run = host.run("plugins", "list");

        assertThat(run.status()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("ID +VERSION +RUNTIME +STATE +SOURCE +REASON");
        assertThat(lines.get(1))
                .matches("calendar +0\\.4\\.0 +jvm +disabled +home +disabled in "
                        + Pattern.quote(host.homeConfig().toString()));
        assertThat(lines.get(2)).matches("weather +1\\.2\\.3 +jvm +resolved +home +enabled by default");
        assertThat(run.out()).contains("2 plugins: 1 disabled, 1 resolved").doesNotContain("problem");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void saysWhereItLookedWhenNothingIsInstalled() {
        TestHost host = new TestHost(tmp);

        TestHost.Run run = host.run("plugins", "list");

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("No plugins found. Pincer looked in:")
                .contains(host.bundled.toString())
                .contains(host.homePlugins().toString())
                .contains(host.workspacePlugins().toString());
        assertThat(host.json("plugins", "list", "--json")).isEmpty();
    }

    @Test
    void brokenManifestIsListedAsFailedWithItsReason() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        TestHost.plugin(host.workspacePlugins(), "broken", "{\"id\": \"broken\", \"version\": ");

        JsonNode list = host.json("plugins", "list", "--json");
        TestHost.Run text = host.run("plugins", "list");

        assertThat(list).hasSize(2);
        JsonNode broken = list.get(0);
        assertThat(broken.get("id").asString()).isEqualTo("broken");
        assertThat(broken.get("state").asString()).isEqualTo("failed");
        assertThat(broken.get("version").asString()).isEqualTo("?");
        assertThat(broken.get("runtime").asString()).isEqualTo("?");
        assertThat(broken.get("reason").asString()).startsWith("invalid manifest: not valid JSON");
        assertThat(list.get(1).get("state").asString()).isEqualTo("resolved");
        assertThat(text.status()).isZero();
        assertThat(text.out())
                .containsPattern("broken +\\? +\\? +failed +workspace +invalid manifest: not valid JSON")
                .contains("1 problem needs attention: run `pincer plugins doctor`.");
    }

    @Test
    void workspaceCopyShadowsHomeCopy() {
        TestHost host = new TestHost(tmp);
        host.homePlugin("weather", "1.0.0");
        Path winner = host.workspacePlugin("weather", "2.0.0");

        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("version").asString()).isEqualTo("2.0.0");
        assertThat(list.get(0).get("source").asString()).isEqualTo("workspace");
        assertThat(list.get(0).get("path").asString()).isEqualTo(winner.toString());
    }

    @Test
    void bundledAndConfigPathPluginsAreListedWithTheirSource() {
        TestHost host = new TestHost(tmp);
        TestHost.plugin(host.bundled, "guide", Manifests.minimal("guide", "0.1.0"));
        TestHost.plugin(host.home.resolve("extra"), "notes", Manifests.minimal("notes", "1.0.0"));
        TestHost.write(host.homeConfig(), "[plugins]\npaths = [\"extra\"]\n");

        JsonNode list = host.json("plugins", "list", "--json");

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asString()).isEqualTo("guide");
        assertThat(list.get(0).get("source").asString()).isEqualTo("bundled");
        assertThat(list.get(1).get("id").asString()).isEqualTo("notes");
        assertThat(list.get(1).get("source").asString()).isEqualTo("config");
        assertThat(list.get(1).get("path").asString())
                .isEqualTo(host.home.resolve("extra").resolve("notes").toString());
    }
}
