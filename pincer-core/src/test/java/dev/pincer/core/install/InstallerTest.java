package dev.pincer.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.Fixtures;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.audit.AuditQuery;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.Approvals;
import dev.pincer.core.permissions.Standing;
import dev.pincer.core.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {

    private static final SemanticVersion HOST = SemanticVersion.of("0.1.0");

    @TempDir
    Path dir;

    private HostLayout layout;
    private Store store;
    private Installer installer;
    private PluginCatalog catalogs;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        store = Store.open(layout.home().resolve("pincer.db"));
        catalogs = PluginCatalog.create(HOST);
        installer = newInstaller(store);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Installer newInstaller(Store on) {
        return new Installer(
                layout, catalogs, ManifestReader.create(), on, Clock.systemUTC(), InstallLimits.defaults());
    }

    private Path source(String id, String version, String extra) {
        return Fixtures.plugin(dir.resolve("src-" + version), id, version, extra);
    }

    private InstallRecord install(Path source, Installer.Existing existing) {
        try (InstallPlan plan = installer.prepare(request(source), existing, Progress.SILENT)) {
            return installer.place(plan, "tester");
        }
    }

    private static SourceRequest request(Path source) {
        return new SourceRequest(source.toString(), null, false, List.of());
    }

    private Catalog scan() {
        return catalogs.scan(layout, new Approvals(store, Clock.systemUTC()));
    }

    private Path installed(String id) {
        return layout.home().resolve("plugins").resolve(id);
    }

    @Test
    void aCopyAnInterruptedInstallLeftAsideIsPutBackAndItsStagingDeletedByTheNextInstall() throws Exception {
        install(source("hello", "1.0.0", ""), Installer.Existing.REFUSE);
        Path installed = layout.home().resolve("plugins/hello");
        // What a process killed between its two moves leaves behind: the old copy aside, no plugin folder.
        Path crashed = Files.createDirectories(layout.home().resolve(".install/crashed"));
        Files.move(installed, crashed.resolve("previous-hello"));
        Path fresh = Files.createDirectories(layout.home().resolve(".install/running"));
        Files.setLastModifiedTime(
                crashed,
                java.nio.file.attribute.FileTime.from(
                        java.time.Instant.now().minus(Installer.STALE_STAGING).minusSeconds(60)));
        List<String> steps = new java.util.ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void step(String message) {
                steps.add(message);
            }

            @Override
            public void bytes(String label, long done, long total) {}
        };

        try (InstallPlan plan =
                installer.prepare(request(source("other", "1.0.0", "")), Installer.Existing.REFUSE, recording)) {
            installer.place(plan, "tester");
        }

        assertThat(installed.resolve("pincer-plugin.json")).exists();
        assertThat(crashed).doesNotExist();
        assertThat(fresh).as("a staging folder in use is left alone").exists();
        assertThat(steps).contains("Put back " + installed + ", which an interrupted install had moved aside");
        assertThat(scan().find("hello")).isPresent();
    }

    @Test
    void installsAFolderCopyWithARecordAndLeavesNoStaging() throws IOException {
        Path source = source("hello", "1.0.0", "\"description\":\"says hello\"");
        Fixtures.file(source.resolve("lib/data.txt"), "payload");

        InstallRecord record = install(source, Installer.Existing.REFUSE);

        assertThat(record.pluginId()).isEqualTo("hello");
        assertThat(record.version()).isEqualTo("1.0.0");
        assertThat(record.kind()).isEqualTo(Fetched.Kind.FOLDER);
        assertThat(record.path()).isEqualTo(installed("hello"));
        assertThat(Files.readString(installed("hello").resolve("lib/data.txt"))).isEqualTo("payload");
        assertThat(new InstallRecords(store).find("hello")).contains(record);
        assertThat(scan().find("hello").orElseThrow().state()).isEqualTo(PluginState.RESOLVED);
        assertThat(stagingLeft()).isEmpty();
    }

    @Test
    void linksAFolderAndDiscoveryFollowsTheLink() throws IOException {
        Path source = source("hello", "1.0.0", "");
        try (InstallPlan plan = installer.prepare(
                new SourceRequest(source.toString(), null, true, List.of()),
                Installer.Existing.REFUSE,
                Progress.SILENT)) {
            installer.place(plan, "tester");
        }

        assertThat(Files.isSymbolicLink(installed("hello"))).isTrue();
        assertThat(Files.readSymbolicLink(installed("hello"))).isEqualTo(source.toAbsolutePath());
        CatalogEntry entry = scan().find("hello").orElseThrow();
        assertThat(entry.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(new InstallRecords(store).find("hello").orElseThrow().kind()).isEqualTo(Fetched.Kind.LINK);
        assertThat(stagingLeft()).isEmpty();
    }

    @Test
    void anUnlistedLinkFromOutsideIsStillRefused() throws IOException {
        Path source = source("hello", "1.0.0", "");
        Files.createDirectories(installed("hello").getParent());
        Files.createSymbolicLink(installed("hello"), source);

        assertThat(scan().find("hello")).isEmpty();
    }

    @Test
    void aWorkspaceCannotListLinksOfItsOwn() throws IOException {
        Path source = source("hello", "1.0.0", "");
        Path workspaceRoot = Files.createDirectories(Fixtures.workspacePlugins(layout));
        Files.createSymbolicLink(workspaceRoot.resolve("hello"), source);
        Fixtures.file(workspaceRoot.resolve(".links"), "hello\t" + source.toRealPath() + "\n");

        assertThat(scan().find("hello")).isEmpty();
    }

    @Test
    void refusesAnInvalidManifestNamingTheFileAndLeavesThePreviousInstall() throws IOException {
        install(source("hello", "1.0.0", ""), Installer.Existing.REFUSE);
        Map<String, String> before = snapshot(installed("hello"));
        Path bad = Fixtures.plugin(dir.resolve("bad"), "hello", "{\"id\":\"hello\",\"version\":\"one\"}");

        assertThatThrownBy(() -> installer.prepare(request(bad), Installer.Existing.REPLACE, Progress.SILENT))
                .isInstanceOf(PincerException.class)
                .hasMessageContaining("the manifest of " + bad + " is invalid, so nothing was installed")
                .hasMessageContaining("pincer-plugin.json: ");

        assertUnchanged(before, "1.0.0");
    }

    @Test
    void refusesAFolderWithoutAManifest() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> installer.prepare(request(empty), Installer.Existing.REFUSE, Progress.SILENT))
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("no pincer-plugin.json or pincer-plugin.toml");
        assertThat(stagingLeft()).isEmpty();
    }

    @Test
    void refusesAPluginForAnotherPincerVersion() throws IOException {
        install(source("hello", "1.0.0", ""), Installer.Existing.REFUSE);
        Map<String, String> before = snapshot(installed("hello"));
        Path future = source("hello", "2.0.0", "\"pincer\":\">=9.0.0\"");

        assertThatThrownBy(() -> installer.prepare(request(future), Installer.Existing.REPLACE, Progress.SILENT))
                .isInstanceOf(PincerException.class)
                .hasMessage("'hello' 2.0.0 requires Pincer >=9.0.0, but this is Pincer 0.1.0; nothing was installed");

        assertUnchanged(before, "1.0.0");
    }

    @Test
    void refusesMissingAndMismatchedDependenciesNamingThem() throws IOException {
        install(source("base", "1.0.0", ""), Installer.Existing.REFUSE);
        Path needy = source("needy", "1.0.0", "\"dependencies\":{\"base\":\"^2.0.0\",\"extra\":\"^1.0.0\"}");

        assertThatThrownBy(() -> installer.prepare(request(needy), Installer.Existing.REFUSE, Progress.SILENT))
                .hasMessageContaining("the dependencies of 'needy' 1.0.0 are not met, so nothing was installed")
                .hasMessageContaining("requires 'base' ^2.0.0, but 'base' 1.0.0 is installed")
                .hasMessageContaining("depends on 'extra' ^1.0.0, which is not installed");

        assertThat(installed("needy")).doesNotExist();
        assertThat(stagingLeft()).isEmpty();
    }

    @Test
    void acceptsDependenciesThatAreInstalled() {
        install(source("base", "1.2.0", ""), Installer.Existing.REFUSE);

        install(source("needy", "1.0.0", "\"dependencies\":{\"base\":\"^1.0.0\"}"), Installer.Existing.REFUSE);

        assertThat(scan().find("needy").orElseThrow().state()).isEqualTo(PluginState.RESOLVED);
    }

    @Test
    void refusesADuplicateIdSayingWhereTheInstalledOneCameFrom() throws IOException {
        Path first = source("hello", "1.0.0", "");
        install(first, Installer.Existing.REFUSE);
        Map<String, String> before = snapshot(installed("hello"));
        Path second = source("hello", "1.1.0", "");

        assertThatThrownBy(() -> installer.prepare(request(second), Installer.Existing.REFUSE, Progress.SILENT))
                .isInstanceOf(PincerException.class)
                .hasMessage("plugin 'hello' 1.0.0 is already installed at " + installed("hello") + ", installed from "
                        + first.toAbsolutePath() + " (folder); nothing was installed")
                .extracting(e -> ((PincerException) e).hint())
                .asString()
                .contains("pincer plugins update hello", "--force");

        assertUnchanged(before, "1.0.0");
    }

    @Test
    void warnsWhenAWorkspaceCopyWinsByPrecedence() {
        Fixtures.plugin(Fixtures.workspacePlugins(layout), "hello", "0.9.0", "");

        try (InstallPlan plan =
                installer.prepare(request(source("hello", "1.0.0", "")), Installer.Existing.REFUSE, Progress.SILENT)) {
            assertThat(plan.warnings())
                    .singleElement()
                    .asString()
                    .contains("'hello' 0.9.0 is also in the workspace root at")
                    .contains("that copy wins by precedence, so the installed one is shadowed");
        }
    }

    @Test
    void aFailedRecordWriteMovesThePreviousVersionBack() throws IOException {
        install(source("hello", "1.0.0", ""), Installer.Existing.REFUSE);
        Map<String, String> before = snapshot(installed("hello"));
        Store other = Store.open(layout.home().resolve("pincer.db"));
        Installer failing = newInstaller(other);
        InstallPlan plan =
                failing.prepare(request(source("hello", "1.1.0", "")), Installer.Existing.REPLACE, Progress.SILENT);
        other.close();

        try (plan) {
            assertThatThrownBy(() -> failing.place(plan, "tester"))
                    .isInstanceOf(PincerException.class)
                    .hasMessageContaining("cannot place 'hello' 1.1.0 at " + installed("hello"))
                    .hasMessageEndingWith("the previous version is back in place, unchanged");
        }

        assertUnchanged(before, "1.0.0");
    }

    @Test
    void aFailureWhileLinkingMovesThePreviousVersionBack() throws IOException {
        install(source("hello", "1.0.0", ""), Installer.Existing.REFUSE);
        Map<String, String> before = snapshot(installed("hello"));
        // The list of links cannot be written: placing a link fails after the old copy was moved aside.
        Files.createDirectories(installed("hello").resolveSibling(".links").resolve("blocked"));
        InstallPlan plan = installer.prepare(
                new SourceRequest(source("hello", "1.1.0", "").toString(), null, true, List.of()),
                Installer.Existing.REPLACE,
                Progress.SILENT);

        try (plan) {
            assertThatThrownBy(() -> installer.place(plan, "tester"))
                    .isInstanceOf(PincerException.class)
                    .hasMessageContaining("cannot place 'hello' 1.1.0 at " + installed("hello"))
                    .hasMessageEndingWith("the previous version is back in place, unchanged");
        }

        assertThat(Files.isSymbolicLink(installed("hello"))).isFalse();
        assertUnchanged(before, "1.0.0");
    }

    @Test
    void updateShowsTheNewPermissionsAndWithoutApprovalTheyAreDenied() {
        install(
                source("hello", "1.0.0", "\"permissions\":{\"network\":[\"api.example.com\"]}"),
                Installer.Existing.REFUSE);
        assertThat(scan().find("hello").orElseThrow().standing().status()).isEqualTo(Standing.Status.APPROVED);
        Path newer =
                source("hello", "1.1.0", "\"permissions\":{\"network\":[\"api.example.com\",\"evil.example.com\"]}");
        Updater updater = new Updater(installer, new InstallRecords(store), List.of());
        InstallRecord record = new InstallRecords(store).find("hello").orElseThrow();
        // the update source is the recorded folder: point it at the newer files
        replaceContent(Path.of(record.source()), newer);

        try (InstallPlan plan = updater.prepare(record, Progress.SILENT).orElseThrow()) {
            assertThat(plan.previous().orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(plan.version()).isEqualTo("1.1.0");
            assertThat(plan.needsApproval()).isTrue();
            assertThat(plan.standing().orElseThrow().pending().network()).containsExactly("evil.example.com");
            installer.place(plan, null);
        }

        CatalogEntry entry = scan().find("hello").orElseThrow();
        assertThat(entry.plugin().versionText()).isEqualTo("1.1.0");
        assertThat(entry.standing().status()).isEqualTo(Standing.Status.PARTIAL);
        assertThat(entry.standing().granted().network()).containsExactly("api.example.com");
        assertThat(entry.standing().pending().network()).containsExactly("evil.example.com");
    }

    @Test
    void aFirstInstallNotApprovedAwaitsApproval() {
        try (InstallPlan plan = installer.prepare(
                request(source("hello", "1.0.0", "\"permissions\":{\"network\":[\"api.example.com\"]}")),
                Installer.Existing.REFUSE,
                Progress.SILENT)) {
            installer.place(plan, null);
        }

        assertThat(scan().find("hello").orElseThrow().state()).isEqualTo(PluginState.AWAITING_APPROVAL);
    }

    @Test
    void updatingALinkHasNothingToDo() {
        Path source = source("hello", "1.0.0", "");
        try (InstallPlan plan = installer.prepare(
                new SourceRequest(source.toString(), null, true, List.of()),
                Installer.Existing.REFUSE,
                Progress.SILENT)) {
            installer.place(plan, "tester");
        }
        Updater updater = new Updater(installer, new InstallRecords(store), List.of());

        assertThat(updater.prepare(updater.record("hello"), Progress.SILENT)).isEmpty();
    }

    @Test
    void uninstallRemovesFolderRecordDataAndApprovals() throws IOException {
        install(
                source("hello", "1.0.0", "\"permissions\":{\"network\":[\"api.example.com\"]}"),
                Installer.Existing.REFUSE);
        Path data = Files.createDirectories(layout.home().resolve("data/hello"));
        Uninstaller uninstaller = new Uninstaller(layout, catalogs, store, Clock.systemUTC());

        Uninstaller.Removal removal = uninstaller.plan("hello", Uninstaller.Data.DELETE, Uninstaller.Dependents.REFUSE);
        assertThat(installed("hello")).exists();
        uninstaller.apply(removal, "tester");

        assertThat(installed("hello")).doesNotExist();
        assertThat(data).doesNotExist();
        assertThat(new InstallRecords(store).find("hello")).isEmpty();
        assertThat(new Approvals(store, Clock.systemUTC()).latest("hello")).isEmpty();
        assertThat(stagingLeft()).isEmpty();
    }

    @Test
    void installUpdateAndUninstallAreEachAuditedWithWhoWhatAndFromWhere() throws IOException {
        Path v1 = source("hello", "1.0.0", "");
        install(v1, Installer.Existing.REFUSE);
        Path v2 = source("hello", "1.1.0", "");
        try (InstallPlan plan = installer.prepare(request(v2), Installer.Existing.REPLACE, Progress.SILENT)) {
            installer.place(plan, "ann");
        }
        Uninstaller uninstaller = new Uninstaller(layout, catalogs, store, Clock.systemUTC());
        uninstaller.apply(uninstaller.plan("hello", Uninstaller.Data.KEEP, Uninstaller.Dependents.REFUSE), "bob");

        List<AuditEvent> events;
        try (AuditLog log = new AuditLog(store, problem -> {})) {
            events = log.query(new AuditQuery("hello", null, AuditEvent.Kind.INSTALL, 10));
        }

        assertThat(events)
                .extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tester", "install", "1.0.0"),
                        org.assertj.core.groups.Tuple.tuple("ann", "update", "1.0.0 -> 1.1.0"),
                        org.assertj.core.groups.Tuple.tuple("bob", "uninstall", "1.1.0"));
        assertThat(events.get(0).target()).startsWith(v1.toRealPath() + " (folder");
        assertThat(events.get(1).outcome()).isEqualTo("installed at " + installed("hello"));
    }

    @Test
    void aSecondInstallWhileOneIsPreparedIsRefusedAtOnceAndRunsOnceTheFirstIsDone() {
        Path first = source("hello", "1.0.0", "");
        Path second = source("other", "1.0.0", "");
        try (InstallPlan plan = installer.prepare(request(first), Installer.Existing.REFUSE, Progress.SILENT)) {
            assertThatThrownBy(() -> installer.prepare(request(second), Installer.Existing.REFUSE, Progress.SILENT))
                    .isInstanceOfSatisfying(PincerException.class, e -> {
                        assertThat(e.code()).isEqualTo("install.busy");
                        assertThat(e.hint()).isEqualTo("wait for it to finish, then run this again");
                    })
                    .hasMessage("another install, update or uninstall is changing " + layout.home()
                            + " right now; nothing was changed");
            installer.place(plan, "tester");
        }

        install(second, Installer.Existing.REFUSE);

        assertThat(installed("hello")).exists();
        assertThat(installed("other")).exists();
    }

    @Test
    void uninstallOfALinkRemovesOnlyTheLink() throws IOException {
        Path source = source("hello", "1.0.0", "");
        try (InstallPlan plan = installer.prepare(
                new SourceRequest(source.toString(), null, true, List.of()),
                Installer.Existing.REFUSE,
                Progress.SILENT)) {
            installer.place(plan, "tester");
        }
        Uninstaller uninstaller = new Uninstaller(layout, catalogs, store, Clock.systemUTC());

        uninstaller.apply(uninstaller.plan("hello", Uninstaller.Data.KEEP, Uninstaller.Dependents.REFUSE), "tester");

        assertThat(installed("hello")).doesNotExist();
        assertThat(source.resolve("pincer-plugin.json")).exists();
    }

    @Test
    void uninstallRefusesWhenEnabledPluginsDependOnItNamingThem() throws IOException {
        install(source("base", "1.0.0", ""), Installer.Existing.REFUSE);
        install(source("needy", "1.0.0", "\"dependencies\":{\"base\":\"^1.0.0\"}"), Installer.Existing.REFUSE);
        Map<String, String> before = snapshot(installed("base"));
        Uninstaller uninstaller = new Uninstaller(layout, catalogs, store, Clock.systemUTC());

        assertThatThrownBy(() -> uninstaller.plan("base", Uninstaller.Data.DELETE, Uninstaller.Dependents.REFUSE))
                .hasMessage("'base' is needed by enabled plugins: needy (requires ^1.0.0); nothing was removed");
        assertThat(snapshot(installed("base"))).isEqualTo(before);

        Uninstaller.Removal forced = uninstaller.plan("base", Uninstaller.Data.DELETE, Uninstaller.Dependents.IGNORE);
        assertThat(forced.dependents()).containsExactly("needy (requires ^1.0.0)");
    }

    @Test
    void uninstallRefusesPluginsPincerDidNotInstall() {
        Path ws = Fixtures.plugin(Fixtures.workspacePlugins(layout), "local", "1.0.0", "");
        Uninstaller uninstaller = new Uninstaller(layout, catalogs, store, Clock.systemUTC());

        assertThatThrownBy(() -> uninstaller.plan("local", Uninstaller.Data.DELETE, Uninstaller.Dependents.REFUSE))
                .hasMessage("'local' was not installed by `pincer plugins install`: it is in the workspace root at "
                        + ws + " (from the workspace); nothing was removed");
        assertThat(ws).exists();
    }

    private void assertUnchanged(Map<String, String> before, String version) throws IOException {
        assertThat(snapshot(installed("hello"))).isEqualTo(before);
        assertThat(new InstallRecords(store).find("hello").orElseThrow().version())
                .isEqualTo(version);
        assertThat(stagingLeft()).isEmpty();
    }

    /** Returns what is left in the staging area besides its lock file. */
    private List<Path> stagingLeft() throws IOException {
        Path staging = layout.home().resolve(".install");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.filter(p -> !p.getFileName().toString().equals(".lock"))
                    .toList();
        }
    }

    /** Returns every file under {@code folder} with its content, to compare byte for byte. */
    static Map<String, String> snapshot(Path folder) throws IOException {
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

    private static void replaceContent(Path folder, Path from) {
        try {
            InstallPlan.deleteTree(folder);
            Files.createDirectories(folder);
            Files.copy(from.resolve("pincer-plugin.json"), folder.resolve("pincer-plugin.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
