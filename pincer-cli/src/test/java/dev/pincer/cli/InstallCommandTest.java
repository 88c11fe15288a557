package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code pincer plugins install}, {@code update}, {@code uninstall} and {@code search} against real
 * folders, run in-process.
 */
class InstallCommandTest {

    private static final String NETWORK = "\"permissions\":{\"network\":[\"api.example.com\"]}";
    private static final String MORE_NETWORK =
            "\"permissions\":{\"network\":[\"api.example.com\",\"upload.example.com\"]}";

    @TempDir
    Path tmp;

    private Path source(String id, String version, String extra) {
        return TestHost.plugin(tmp.resolve("src"), id, Manifests.with(id, version, extra));
    }

    @Test
    void installsAFolderAfterApprovalAndSaysWhatIsNext() throws IOException {
        TestHost host = new TestHost(tmp);
        Path src = source("hello", "1.0.0", NETWORK + ",\"description\":\"Says hello\"");

        TestHost.Run run = host.runWithInput("y\n", "plugins", "install", src.toString());

        assertThat(run.status()).as(run.all()).isEqualTo(0);
        assertThat(run.out())
                .contains("Plugin 'hello' 1.0.0 from " + src + " (folder)")
                .contains("  Says hello")
                .contains("It asks for:\n  + network: api.example.com")
                .contains("Install 'hello' 1.0.0 and approve these permissions? [y/N]")
                .contains("Installed hello 1.0.0 from " + src + " (folder)")
                .contains("  at " + host.homePlugins().resolve("hello"))
                .contains("State: resolved")
                .contains("Next: a running gateway picks it up by itself (hot reload)");
        assertThat(run.err()).contains("Checking " + src + " …");
        assertThat(host.homePlugins().resolve("hello/pincer-plugin.json")).exists();
        JsonNode inspect = host.json("plugins", "inspect", "hello", "--json");
        assertThat(inspect.path("state").asString()).isEqualTo("resolved");
        assertThat(inspect.path("installed").path("kind").asString()).isEqualTo("folder");
        JsonNode listed = host.json("plugins", "list", "--json").get(0);
        assertThat(listed.path("installed").path("source").asString()).isEqualTo(src.toString());
        assertThat(listed.path("installed").path("kind").asString()).isEqualTo("folder");
        assertThat(host.run("plugins", "inspect", "hello").out())
                .contains("  installed: from " + src + " (folder) at ");
        assertThat(staging(host)).isEmpty();
    }

    @Test
    void theInstallIsInTheAuditLogUnderItsOwnKind() throws IOException {
        TestHost host = new TestHost(tmp);
        Path src = source("hello", "1.0.0", "");
        assertThat(host.run("plugins", "install", src.toString()).status()).isZero();

        TestHost.Run audit = host.run("audit", "--kind", "install");
        TestHost.Run wrong = host.run("audit", "--kind", "installs");

        assertThat(audit.status()).as(audit.all()).isZero();
        assertThat(audit.out()).contains("hello", "install", src.toString());
        assertThat(wrong.err())
                .contains("--kind must be one of tool, http, file, env, process, approval, limit, resource, prompt,"
                        + " activation, install; got 'installs'");
    }

    @Test
    void decliningChangesNothing() throws IOException {
        TestHost host = new TestHost(tmp);
        Path src = source("hello", "1.0.0", NETWORK);

        TestHost.Run run = host.runWithInput("n\n", "plugins", "install", src.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("Not approved; nothing was installed.");
        assertThat(host.homePlugins().resolve("hello")).doesNotExist();
        assertThat(host.run("plugins", "approve", "hello").all()).contains("no plugin with id 'hello' is installed");
        assertThat(staging(host)).isEmpty();
    }

    @Test
    void withoutAnAnswerNothingIsInstalled() throws IOException {
        TestHost host = new TestHost(tmp);

        TestHost.Run run =
                host.run("plugins", "install", source("hello", "1.0.0", NETWORK).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: no answer could be read from standard input, so nothing was changed")
                .contains("hint: answer at a terminal, or pass --yes");
        assertThat(host.homePlugins().resolve("hello")).doesNotExist();
        assertThat(staging(host)).isEmpty();
    }

    @Test
    void aPluginThatAsksForNothingNeedsNoPromptAndADisabledOneSaysHowToEnableIt() {
        TestHost host = new TestHost(tmp);

        TestHost.Run run = host.run(
                "plugins",
                "install",
                source("quiet", "1.0.0", "\"enabledByDefault\":false").toString());

        assertThat(run.status()).as(run.all()).isEqualTo(0);
        assertThat(run.out())
                .contains("It asks for no permissions.")
                .doesNotContain("[y/N]")
                .contains("State: disabled")
                .contains("Next: enable it with `pincer plugins enable quiet`.");
    }

    @Test
    void refusesADuplicateAndABadManifestLeavingTheInstalledCopy() throws IOException {
        TestHost host = new TestHost(tmp);
        Path first = source("hello", "1.0.0", "");
        assertThat(host.run("plugins", "install", first.toString()).status()).isEqualTo(0);
        Map<String, String> before = snapshot(host.homePlugins().resolve("hello"));
        Path again = TestHost.plugin(tmp.resolve("other"), "hello", Manifests.minimal("hello", "1.1.0"));
        Path bad = TestHost.plugin(tmp.resolve("bad"), "hello", "{\"id\":\"hello\",\"version\":\"1.2.0\"}");

        TestHost.Run duplicate = host.run("plugins", "install", again.toString());
        TestHost.Run invalid = host.run("plugins", "install", "--force", bad.toString());

        assertThat(duplicate.status()).isEqualTo(1);
        assertThat(duplicate.err())
                .contains("error: plugin 'hello' 1.0.0 is already installed at "
                        + host.homePlugins().resolve("hello") + ", installed from " + first
                        + " (folder); nothing was installed")
                .contains("hint: `pincer plugins update hello` fetches it again from there; pass --force");
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.err())
                .contains(
                        "error: the manifest of " + bad + " is invalid, so nothing was installed: pincer-plugin.json:");
        assertThat(snapshot(host.homePlugins().resolve("hello"))).isEqualTo(before);
        assertThat(staging(host)).isEmpty();
    }

    @Test
    void forceReplacesTheInstalledCopy() {
        TestHost host = new TestHost(tmp);
        host.run("plugins", "install", source("hello", "1.0.0", "").toString());
        Path newer = TestHost.plugin(tmp.resolve("newer"), "hello", Manifests.minimal("hello", "1.1.0"));

        TestHost.Run run = host.run("plugins", "install", "--force", newer.toString());

        assertThat(run.status()).as(run.all()).isEqualTo(0);
        assertThat(run.out()).contains("Replaces 1.0.0 at " + host.homePlugins().resolve("hello") + " (--force)");
        assertThat(host.json("plugins", "inspect", "hello", "--json")
                        .path("version")
                        .asString())
                .isEqualTo("1.1.0");
    }

    @Test
    void refusesMissingDependenciesNamingThem() {
        TestHost host = new TestHost(tmp);
        Path needy = TestHost.plugin(
                tmp.resolve("src"), "needy", Manifests.dependingOn("needy", "1.0.0", Map.of("base", "^1.0.0")));

        TestHost.Run run = host.run("plugins", "install", needy.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: the dependencies of 'needy' 1.0.0 are not met, so nothing was installed: 'needy'"
                        + " depends on 'base' ^1.0.0, which is not installed");
        assertThat(host.homePlugins().resolve("needy")).doesNotExist();
    }

    @Test
    void warnsWhenAWorkspaceCopyWins() {
        TestHost host = new TestHost(tmp);
        Path local = host.workspacePlugin("hello", "0.9.0");

        TestHost.Run run =
                host.run("plugins", "install", source("hello", "1.0.0", "").toString());

        assertThat(run.status()).as(run.all()).isEqualTo(0);
        assertThat(run.out())
                .contains("warning: 'hello' 0.9.0 is also in the workspace root at " + local
                        + "; that copy wins by precedence")
                .contains("Next: the copy in the workspace root (" + local + ") is the one used");
    }

    @Test
    void linksAFolderAndUninstallRemovesOnlyTheLink() {
        TestHost host = new TestHost(tmp);
        Path src = source("hello", "1.0.0", "");

        TestHost.Run run = host.run("plugins", "install", "--link", src.toString());
        TestHost.Run update = host.run("plugins", "update", "hello");
        TestHost.Run uninstall = host.run("plugins", "uninstall", "hello");

        assertThat(run.status()).as(run.all()).isEqualTo(0);
        assertThat(run.out()).contains("(a link to " + src + ")").contains("State: resolved");
        assertThat(update.out()).contains("hello: linked to " + src + "; nothing to update");
        assertThat(uninstall.status()).as(uninstall.all()).isEqualTo(0);
        assertThat(uninstall.out()).contains("the link " + host.homePlugins().resolve("hello") + " (its target");
        assertThat(Files.exists(host.homePlugins().resolve("hello"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(src.resolve("pincer-plugin.json")).exists();
    }

    @Test
    void updateShowsTheVersionAndPermissionDifferenceAndDryRunChangesNothing() throws IOException {
        TestHost host = new TestHost(tmp);
        Path src = source("hello", "1.0.0", NETWORK);
        assertThat(host.run("plugins", "install", "--yes", src.toString()).status())
                .isEqualTo(0);
        TestHost.write(src.resolve("pincer-plugin.json"), Manifests.with("hello", "1.1.0", MORE_NETWORK));
        Map<String, String> before = snapshot(host.homePlugins().resolve("hello"));

        TestHost.Run dry = host.run("plugins", "update", "hello", "--dry-run");

        assertThat(dry.status()).as(dry.all()).isEqualTo(0);
        assertThat(dry.out())
                .contains("hello: 1.0.0 -> 1.1.0")
                .contains("Permissions (approved for 1.0.0; + marks what is new and needs your approval):\n"
                        + "    network: api.example.com\n"
                        + "  + network: upload.example.com")
                .contains("Dry run: nothing was changed.");
        assertThat(snapshot(host.homePlugins().resolve("hello"))).isEqualTo(before);

        TestHost.Run declined = host.runWithInput("n\n", "plugins", "update", "hello");
        assertThat(declined.status()).isEqualTo(1);
        assertThat(declined.out()).contains("hello: not updated; 1.0.0 stays as it was.");
        assertThat(snapshot(host.homePlugins().resolve("hello"))).isEqualTo(before);

        TestHost.Run approved = host.runWithInput("y\n", "plugins", "update", "hello");
        assertThat(approved.status()).as(approved.all()).isEqualTo(0);
        assertThat(approved.out()).contains("Updated hello 1.0.0 -> 1.1.0 from " + src + " (folder)");
        JsonNode inspect = host.json("plugins", "inspect", "hello", "--json");
        assertThat(inspect.path("version").asString()).isEqualTo("1.1.0");
        assertThat(inspect.path("state").asString()).isEqualTo("resolved");
        assertThat(staging(host)).isEmpty();
    }

    @Test
    void updateNeedsOneIdOrAll() {
        TestHost host = new TestHost(tmp);

        TestHost.Run run = host.run("plugins", "update");
        TestHost.Run unknown = host.run("plugins", "update", "nothing");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Name one plugin to update, or pass --all (not both)");
        assertThat(unknown.err()).contains("'nothing' was not installed by `pincer plugins install`");
    }

    @Test
    void uninstallRefusesWhenEnabledPluginsDependOnItAndDryRunChangesNothing() throws IOException {
        TestHost host = new TestHost(tmp);
        host.run("plugins", "install", source("base", "1.0.0", "").toString());
        Path needy = TestHost.plugin(
                tmp.resolve("src"), "needy", Manifests.dependingOn("needy", "1.0.0", Map.of("base", "^1.0.0")));
        host.run("plugins", "install", needy.toString());
        Files.createDirectories(host.home.resolve("data/base"));

        TestHost.Run refused = host.run("plugins", "uninstall", "base");
        TestHost.Run dry = host.run("plugins", "uninstall", "base", "--force", "--dry-run");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err())
                .contains("error: 'base' is needed by enabled plugins: needy (requires ^1.0.0); nothing was removed")
                .contains("hint: uninstall or disable them first, or pass --force");
        assertThat(dry.status()).isEqualTo(0);
        assertThat(dry.out())
                .contains("Would remove base 1.0.0, installed from")
                .contains("  the folder " + host.homePlugins().resolve("base"))
                .contains("  its data folder " + host.home.resolve("data/base"))
                .contains("warning: these enabled plugins depend on it and will fail to resolve: needy")
                .contains("Dry run: nothing was changed.");
        assertThat(host.homePlugins().resolve("base")).exists();
        assertThat(host.home.resolve("data/base")).exists();

        TestHost.Run kept = host.run("plugins", "uninstall", "base", "--force", "--keep-data");
        assertThat(kept.status()).as(kept.all()).isEqualTo(0);
        assertThat(host.homePlugins().resolve("base")).doesNotExist();
        assertThat(host.home.resolve("data/base")).exists();
        assertThat(host.run("plugins", "inspect", "needy").out()).contains("failed");
    }

    @Test
    void uninstallRefusesPluginsFromOtherPlaces() {
        TestHost host = new TestHost(tmp);
        Path local = host.workspacePlugin("local", "1.0.0");
        Path byHand = host.homePlugin("manual", "1.0.0");

        TestHost.Run workspace = host.run("plugins", "uninstall", "local");
        TestHost.Run manual = host.run("plugins", "uninstall", "manual");

        assertThat(workspace.err())
                .contains(
                        "error: 'local' was not installed by `pincer plugins install`: it is in the workspace root at "
                                + local);
        assertThat(manual.err()).contains("it is in the home root at " + byHand);
        assertThat(local).exists();
        assertThat(byHand).exists();
    }

    @Test
    void searchWithoutAnIndexSaysHowToConfigureOne() {
        TestHost host = new TestHost(tmp);

        TestHost.Run run = host.run("plugins", "search", "hello");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("error: no plugin index is configured, so there is nothing to search")
                .contains("hint: add `indexes = [\"<file or URL>\"]` under [plugins] in " + host.homeConfig());
    }

    private static java.util.List<Path> staging(TestHost host) throws IOException {
        Path staging = host.home.resolve(".install");
        if (!Files.exists(staging)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.filter(p -> !p.getFileName().toString().equals(".lock"))
                    .toList();
        }
    }

    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(
                        folder.relativize(p).toString(),
                        java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return out;
    }
}
