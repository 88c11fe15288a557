package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Installs from every kind of source through the CLI: archives (zip, tar.gz), git with a ref, and a
 * plugin index with search, digest check and update to the newest version; a malicious archive
 * changes nothing on disk.
 */
class InstallSourcesIT {

    @TempDir
    Path tmp;

    @Test
    void installsAZipAndRecordsItsDigest() throws Exception {
        TestHost host = new TestHost(tmp);
        Path zip =
                zip(tmp.resolve("hello-1.0.0.zip"), Map.of("pincer-plugin.json", Manifests.minimal("hello", "1.0.0")));

        TestHost.Run run = host.run("plugins", "install", zip.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains("Installed hello 1.0.0 from ").contains("(archive, sha256 " + sha256(zip) + ")");
        JsonNode inspect = host.json("plugins", "inspect", "hello", "--json");
        assertThat(inspect.path("installed").path("kind").asString()).isEqualTo("archive");
        assertThat(inspect.path("installed").path("digest").asString()).isEqualTo(sha256(zip));
    }

    @Test
    void installsATarGz() throws Exception {
        TestHost host = new TestHost(tmp);
        Path tgz = tarGz(
                tmp.resolve("hello-1.0.0.tar.gz"), "hello/pincer-plugin.json", Manifests.minimal("hello", "1.0.0"));

        TestHost.Run run = host.run("plugins", "install", tgz.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(host.homePlugins().resolve("hello/pincer-plugin.json")).exists();
    }

    @Test
    void anArchiveThatEscapesChangesNothing() throws Exception {
        TestHost host = new TestHost(tmp);
        assertThat(host.run(
                                "plugins",
                                "install",
                                zip(
                                                tmp.resolve("good.zip"),
                                                Map.of("pincer-plugin.json", Manifests.minimal("hello", "1.0.0")))
                                        .toString())
                        .status())
                .isZero();
        Map<String, String> before = snapshot(host.home);
        Path evil = zip(
                tmp.resolve("evil.zip"),
                Map.of("pincer-plugin.json", Manifests.minimal("hello", "1.1.0"), "../../escaped.txt", "gotcha"));

        TestHost.Run run = host.run("plugins", "install", "--force", evil.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("error: ");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
        assertThat(snapshot(host.home)).isEqualTo(before);
    }

    @Test
    void installsFromGitAtARefAndRecordsTheCommit() throws Exception {
        TestHost host = new TestHost(tmp);
        Path repo = tmp.resolve("repo");
        String commit;
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            TestHost.write(repo.resolve("pincer-plugin.json"), Manifests.minimal("hello", "1.0.0"));
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("1.0.0").setSign(false).call().getName();
            git.tag().setName("v1.0.0").call();
            TestHost.write(repo.resolve("pincer-plugin.json"), Manifests.minimal("hello", "2.0.0"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("2.0.0").setSign(false).call();
        }

        TestHost.Run run =
                host.run("plugins", "install", "--ref", "v1.0.0", repo.toUri().toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains("Installed hello 1.0.0 from ").contains("(git, ref v1.0.0, commit " + commit);
        assertThat(host.json("plugins", "inspect", "hello", "--json")
                        .path("installed")
                        .path("commit")
                        .asString())
                .isEqualTo(commit);
        TestHost.Run update = host.run("plugins", "update", "hello", "--dry-run");
        assertThat(update.out()).contains("hello: 1.0.0 is up to date");
    }

    @Test
    void searchesAnIndexInstallsFromItAndUpdatesToTheNewest() throws Exception {
        TestHost host = new TestHost(tmp);
        Path one = zip(
                tmp.resolve("index/hello-1.0.0.zip"),
                Map.of("pincer-plugin.json", Manifests.with("hello", "1.0.0", "\"description\":\"Says hello\"")));
        Path index = tmp.resolve("index/index.json");
        TestHost.write(index, index(version("1.0.0", one)));
        TestHost.write(host.homeConfig(), "[plugins]\nindexes = [\"" + index + "\"]\n");

        TestHost.Run search = host.run("plugins", "search", "hello");
        TestHost.Run install = host.run("plugins", "install", "hello");

        assertThat(search.status()).as(search.all()).isZero();
        assertThat(search.out())
                .contains("ID", "VERSION", "DESCRIPTION", "INDEX")
                .contains("hello")
                .contains("1.0.0");
        assertThat(install.status()).as(install.all()).isZero();
        assertThat(install.out())
                .contains("Installed hello 1.0.0 from hello@1.0.0 from ")
                .contains("(index, sha256 ");

        Path two = zip(
                tmp.resolve("index/hello-1.1.0.zip"),
                Map.of("pincer-plugin.json", Manifests.with("hello", "1.1.0", "\"description\":\"Says hello\"")));
        TestHost.write(index, index(version("1.0.0", one) + "," + version("1.1.0", two)));
        TestHost.Run update = host.run("plugins", "update", "--all");

        assertThat(update.status()).as(update.all()).isZero();
        assertThat(update.out()).contains("hello: 1.0.0 -> 1.1.0").contains("Updated hello 1.0.0 -> 1.1.0");
    }

    @Test
    void aDigestMismatchInstallsNothing() throws Exception {
        TestHost host = new TestHost(tmp);
        Path one = zip(
                tmp.resolve("index/hello-1.0.0.zip"),
                Map.of("pincer-plugin.json", Manifests.minimal("hello", "1.0.0")));
        Path index = tmp.resolve("index/index.json");
        TestHost.write(index, index(version("1.0.0", one).replace(sha256(one), "0".repeat(64))));

        TestHost.Run run = host.run("plugins", "search", "", "--index", index.toString());
        TestHost.write(host.homeConfig(), "[plugins]\nindexes = [\"" + index + "\"]\n");
        TestHost.Run install = host.run("plugins", "install", "hello@1.0.0");

        assertThat(run.out()).contains("hello");
        assertThat(install.status()).isEqualTo(1);
        assertThat(install.err()).contains("has SHA-256 " + sha256(one));
        assertThat(host.homePlugins().resolve("hello")).doesNotExist();
    }

    private static String index(String versions) {
        return "{\"schema\":1,\"plugins\":[{\"id\":\"hello\",\"description\":\"Says hello\",\"versions\":[" + versions
                + "]}]}";
    }

    private static String version(String version, Path archive) throws IOException {
        return "{\"version\":\"" + version + "\",\"url\":\"" + archive.getFileName() + "\",\"sha256\":\""
                + sha256(archive) + "\"}";
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static Path tarGz(Path file, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file);
                GZIPOutputStream gz = new GZIPOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns every file under {@code folder} (the store and caches aside) with its content. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(p).toString();
                if (!name.startsWith("pincer.db") && !name.startsWith("cache")) {
                    out.put(name, HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }
}
