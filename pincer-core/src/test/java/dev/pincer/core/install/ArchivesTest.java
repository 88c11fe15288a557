package dev.pincer.core.install;

import static dev.pincer.core.install.Fixtures.Entry.bytes;
import static dev.pincer.core.install.Fixtures.Entry.dir;
import static dev.pincer.core.install.Fixtures.Entry.executable;
import static dev.pincer.core.install.Fixtures.Entry.file;
import static dev.pincer.core.install.Fixtures.Entry.link;
import static dev.pincer.core.install.Fixtures.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.install.Fixtures.Entry;
import dev.pincer.core.install.Fixtures.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

    @TempDir
    Path dir;

    private Path in;
    private Path staging;

    @BeforeEach
    void folders() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        staging = dir.resolve("staging");
    }

    private Fetched fetch(Path archive) {
        return fetch(archive, InstallLimits.defaults());
    }

    private Fetched fetch(Path archive, InstallLimits limits) {
        return Sources.fetch(
                new SourceRequest(archive.toString(), null, false, List.of()), staging, limits, Progress.SILENT);
    }

    /** Asserts that the refusal left nothing but the two folders the test made, and staging empty. */
    private void assertNothingWritten() throws IOException {
        assertThat(Fixtures.tree(dir).stream().filter(p -> !p.startsWith("in/") && !p.equals("in")))
                .containsExactly("staging");
        assertThat(Fixtures.tree(staging)).isEmpty();
    }

    @Test
    void unpacksZipWithItsManifestAtTheTop() throws IOException {
        Path zip = Fixtures.zip(
                in.resolve("hello.zip"), file("pincer-plugin.json", MANIFEST), dir("lib"), file("lib/a.txt", "a"));

        Fetched fetched = fetch(zip);

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.ARCHIVE);
        assertThat(fetched.folder()).isEqualTo(staging.resolve("plugin"));
        assertThat(fetched.source()).isEqualTo(zip.toRealPath().toString());
        assertThat(fetched.digest()).isEqualTo(Digests.sha256(zip)).hasSize(64);
        assertThat(fetched.commit()).isNull();
        assertThat(Fixtures.tree(fetched.folder())).containsExactly("lib", "lib/a.txt", "pincer-plugin.json");
        assertThat(Fixtures.tree(staging)).doesNotContain("download");
    }

    @Test
    void takesTheSingleTopFolderOfAGitHubStyleTarGzAsThePlugin() throws IOException {
        Path tgz = Fixtures.tarGz(
                in.resolve("hello-main.tar.gz"),
                dir("hello-main"),
                file("hello-main/pincer-plugin.json", MANIFEST),
                executable("hello-main/bin/run.sh", "#!/bin/sh\necho hi\n"));

        Fetched fetched = fetch(tgz);

        assertThat(fetched.folder()).isEqualTo(staging.resolve("plugin/hello-main"));
        assertThat(Files.readString(fetched.folder().resolve("pincer-plugin.json")))
                .isEqualTo(MANIFEST);
        assertThat(Files.isExecutable(fetched.folder().resolve("bin/run.sh"))).isTrue();
    }

    @Test
    void unpacksAJarAndATgz() throws IOException {
        Path jar = Fixtures.zip(in.resolve("hello.jar"), file("pincer-plugin.json", MANIFEST));
        assertThat(fetch(jar).folder().resolve("pincer-plugin.json")).exists();

        Path tgz = Fixtures.tarGz(in.resolve("hello.tgz"), file("./pincer-plugin.json", MANIFEST));
        staging = dir.resolve("staging2");
        assertThat(fetch(tgz).folder().resolve("pincer-plugin.json")).exists();
    }

    @Test
    void refusesAnArchiveWithoutAManifest() throws IOException {
        Path zip = Fixtures.zip(
                in.resolve("empty.zip"),
                file("README.md", "hi"),
                file("other/pincer-plugin.json", MANIFEST),
                file("x/y", "z"));

        assertThatThrownBy(() -> fetch(zip))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.no-manifest"))
                .hasMessageContaining("is not a plugin: it has no pincer-plugin.json or pincer-plugin.toml at its top");
        assertNothingWritten();
    }

    @Test
    void refusesEntriesThatClimbOutWithDotDot() throws IOException {
        Path zip =
                Fixtures.zip(in.resolve("evil.zip"), file("pincer-plugin.json", MANIFEST), file("../../evil.txt", "x"));
        Path tgz = Fixtures.tarGz(
                in.resolve("evil.tar.gz"), file("pincer-plugin.json", MANIFEST), file("a/../../evil.txt", "x"));

        assertRefused(
                zip,
                "install.archive-unsafe-path",
                "has an entry '../../evil.txt' that climbs out of the plugin folder with '..'");
        assertRefused(tgz, "install.archive-unsafe-path", "has an entry 'a/../../evil.txt' that climbs out");
    }

    @Test
    void refusesAbsoluteEntries() throws IOException {
        String absolute = dir.resolve("escaped.txt").toString();
        assertRefused(
                Fixtures.tarGz(in.resolve("abs.tgz"), file(absolute, "x")),
                "install.archive-unsafe-path",
                "that is an absolute path");
        assertRefused(
                Fixtures.zip(in.resolve("abs.zip"), file(absolute, "x")),
                "install.archive-unsafe-path",
                "that is an absolute path");
        // commons-compress reads the backslashes of zips made on Windows as '/', so these are absolute.
        assertRefused(
                Fixtures.zip(in.resolve("drive.zip"), file("C:\\x", "x")),
                "install.archive-unsafe-path",
                "'C:/x' that is an absolute path");
        assertRefused(
                Fixtures.zip(in.resolve("unc.zip"), file("\\\\server\\share\\x", "x")),
                "install.archive-unsafe-path",
                "'//server/share/x' that is an absolute path");
        assertRefused(
                Fixtures.tarGz(in.resolve("back.tgz"), file("..\\..\\evil.txt", "x")),
                "install.archive-unsafe-path",
                "contains a backslash or NUL character");
        assertRefused(
                Fixtures.tarGz(in.resolve("drive.tgz"), file("C:/x", "x")),
                "install.archive-unsafe-path",
                "'C:/x' that is an absolute path");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void refusesSymbolicLinksPointingOutOrIn() throws IOException {
        assertRefused(
                Fixtures.tarGz(
                        in.resolve("out.tgz"), file("pincer-plugin.json", MANIFEST), link("lib", "/etc", Type.SYMLINK)),
                "install.archive-link",
                "has an entry 'lib' that is a symbolic link to '/etc'; Pincer refuses every link in a plugin archive");
        assertRefused(
                Fixtures.tarGz(
                        in.resolve("in.tgz"),
                        file("pincer-plugin.json", MANIFEST),
                        link("copy.json", "pincer-plugin.json", Type.SYMLINK)),
                "install.archive-link",
                "is a symbolic link to 'pincer-plugin.json'");
        assertRefused(
                Fixtures.zip(
                        in.resolve("out.zip"),
                        file("pincer-plugin.json", MANIFEST),
                        link("lib", "../../..", Type.SYMLINK)),
                "install.archive-link",
                "has an entry 'lib' that is a symbolic link");
    }

    @Test
    void refusesALinkFollowedByAFileWrittenThroughIt() throws IOException {
        // The classic two-step escape: a link to the outside, then a file "through" the link.
        Path tgz = Fixtures.tarGz(
                in.resolve("two-step.tgz"), link("escape", dir.toString(), Type.SYMLINK), file("escape/evil.txt", "x"));

        assertRefused(tgz, "install.archive-link", "'escape' that is a symbolic link");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void refusesHardLinks() throws IOException {
        assertRefused(
                Fixtures.tarGz(
                        in.resolve("hard.tgz"),
                        file("pincer-plugin.json", MANIFEST),
                        link("passwd", "/etc/passwd", Type.HARDLINK)),
                "install.archive-link",
                "'passwd' that is a hard link to '/etc/passwd'");
    }

    @Test
    void refusesDevicesAndFifos() throws IOException {
        assertRefused(
                Fixtures.tarGz(
                        in.resolve("fifo.tgz"),
                        file("pincer-plugin.json", MANIFEST),
                        new Entry("pipe", new byte[0], Type.FIFO, 0644)),
                "install.archive-special",
                "'pipe' that is a FIFO, not a file or folder");
        assertRefused(
                Fixtures.tarGz(in.resolve("dev.tgz"), new Entry("null", new byte[0], Type.CHAR_DEVICE, 0644)),
                "install.archive-special",
                "'null' that is a device");
        assertRefused(
                Fixtures.zip(in.resolve("fifo.zip"), new Entry("pipe", new byte[0], Type.FIFO, 0644)),
                "install.archive-special",
                "'pipe' that is a special file (unix mode 10000)");
    }

    @Test
    void refusesDuplicateEntryNamesAlsoWhenOnlyTheirCaseDiffers() throws IOException {
        assertRefused(
                Fixtures.tarGz(
                        in.resolve("dup.tgz"), file("pincer-plugin.json", MANIFEST), file("pincer-plugin.json", "{}")),
                "install.archive-duplicate",
                "holds 'pincer-plugin.json' twice");
        assertRefused(
                Fixtures.zip(
                        in.resolve("dup.zip"),
                        file("pincer-plugin.json", MANIFEST),
                        file("a.txt", "1"),
                        file("./A.txt", "2")),
                "install.archive-duplicate",
                "holds './A.txt' twice (names are compared ignoring case)");
    }

    @Test
    void refusesAFileAndAFolderOfTheSameName() throws IOException {
        assertRefused(
                Fixtures.tarGz(
                        in.resolve("clash.tgz"),
                        file("pincer-plugin.json", MANIFEST),
                        file("lib", "x"),
                        file("lib/a", "y")),
                "install.archive-duplicate",
                "has entries that overwrite each other at 'lib' (a file and a folder of the same name)");
    }

    @Test
    void refusesMoreEntriesThanTheLimit() throws IOException {
        Entry[] many = new Entry[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = file("f" + i, "x");
        }
        InstallLimits limits = new InstallLimits(1 << 20, 1 << 20, 10, 200);

        assertThatThrownBy(() -> fetch(Fixtures.zip(in.resolve("many.zip"), many), limits))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.too-many-entries"))
                .hasMessageContaining("holds more than the limit of 10 files and folders");
        assertNothingWritten();
        assertThatThrownBy(() -> fetch(Fixtures.tarGz(in.resolve("many.tgz"), many), limits))
                .hasMessageContaining("holds more than the limit of 10 files and folders (stopped at 'f10')");
        assertNothingWritten();
    }

    @Test
    void refusesMoreBytesThanTheLimitDeclaredOrStreamed() throws IOException {
        InstallLimits limits = new InstallLimits(8 << 20, 1 << 20, 100, 200);
        Entry big = bytes("big.bin", Fixtures.random(2 << 20));

        assertThatThrownBy(() ->
                        fetch(Fixtures.zip(in.resolve("big.zip"), file("pincer-plugin.json", MANIFEST), big), limits))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.too-large"))
                .hasMessageContaining("declares 2097");
        assertNothingWritten();
        assertThatThrownBy(() ->
                        fetch(Fixtures.tarGz(in.resolve("big.tgz"), file("pincer-plugin.json", MANIFEST), big), limits))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.too-large"))
                .hasMessageContaining("holds more than the limit of 1048576 bytes of files");
        assertNothingWritten();
    }

    @Test
    void countsTheBytesWrittenNotTheSizesAZipDeclares() throws IOException {
        Path zip = Fixtures.zip(
                in.resolve("liar.zip"),
                file("pincer-plugin.json", MANIFEST),
                bytes("big.bin", Fixtures.random(2 << 20)));
        declareSizeInCentralDirectory(zip, "big.bin", 10);
        InstallLimits limits = new InstallLimits(8 << 20, 1 << 20, 100, 200);

        assertThatThrownBy(() -> fetch(zip, limits))
                .isInstanceOfSatisfying(PincerException.class, e -> assertThat(e.code())
                        .isIn("install.too-large", "install.archive-corrupt"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("declares"));
        assertNothingWritten();
    }

    @Test
    void refusesAnArchiveThatExpandsBeyondTheRatio() throws IOException {
        InstallLimits limits = new InstallLimits(8 << 20, 64 << 20, 100, 50);
        Entry zeros = bytes("zeros.bin", new byte[8 << 20]);

        assertRefused(
                Fixtures.zip(in.resolve("bomb.zip"), file("pincer-plugin.json", MANIFEST), zeros),
                limits,
                "install.archive-ratio",
                "expands to more than 50 times its size");
        assertRefused(
                Fixtures.tarGz(in.resolve("bomb.tgz"), file("pincer-plugin.json", MANIFEST), zeros),
                limits,
                "install.archive-ratio",
                "expands to more than 50 times its size");
    }

    @Test
    void refusesTruncatedAndCorruptArchives() throws IOException {
        Path zip = Fixtures.zip(
                in.resolve("cut.zip"), file("pincer-plugin.json", MANIFEST), bytes("b.bin", Fixtures.random(4096)));
        truncate(zip);
        Path tgz = Fixtures.tarGz(
                in.resolve("cut.tgz"), file("pincer-plugin.json", MANIFEST), bytes("b.bin", Fixtures.random(40960)));
        truncate(tgz);

        assertRefused(zip, "install.archive-corrupt", "is damaged or truncated and cannot be unpacked");
        assertRefused(tgz, "install.archive-corrupt", "is damaged or truncated and cannot be unpacked");
    }

    @Test
    void refusesAnArchiveWhoseContentIsNotWhatItsNameSays() throws IOException {
        Path tgzNamedZip = Fixtures.tarGz(in.resolve("real.tgz"), file("pincer-plugin.json", MANIFEST));
        Path fake = Files.move(tgzNamedZip, in.resolve("fake.zip"));
        Path text = Files.writeString(in.resolve("notes.tar.gz"), "hello");

        assertRefused(
                fake,
                "install.archive-type",
                "is named like a .zip, .jar archive, but its content is a .tar.gz, .tgz archive");
        assertRefused(
                text,
                "install.archive-type",
                "is named like a .tar.gz, .tgz archive, but its content is not an archive");
    }

    @Test
    void reportsUnpackingAsAStepAndItsBytes() throws IOException {
        Path zip = Fixtures.zip(
                in.resolve("hello.zip"),
                file("pincer-plugin.json", MANIFEST),
                bytes("b.bin", Fixtures.random(600_000)));
        Fixtures.Recording progress = new Fixtures.Recording();

        Sources.fetch(
                new SourceRequest(zip.toString(), null, false, List.of()), staging, InstallLimits.defaults(), progress);

        assertThat(progress.steps).containsExactly("Unpacking hello.zip");
        assertThat(progress.bytes).isNotEmpty();
        long[] last = progress.bytes.get(progress.bytes.size() - 1);
        assertThat(last[0]).isEqualTo(600_000 + MANIFEST.length());
        assertThat(last[1]).isEqualTo(600_000 + MANIFEST.length());
    }

    private void assertRefused(Path archive, String code, String message) throws IOException {
        assertRefused(archive, InstallLimits.defaults(), code, message);
    }

    private void assertRefused(Path archive, InstallLimits limits, String code, String message) throws IOException {
        assertThatThrownBy(() -> fetch(archive, limits))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.hint()).isNotBlank();
                })
                .hasMessageContaining(message);
        assertNothingWritten();
    }

    private static void truncate(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
    }

    /** Rewrites the uncompressed size of {@code name} in the zip's central directory. */
    private static void declareSizeInCentralDirectory(Path zip, String name, int size) throws IOException {
        byte[] all = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < all.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                int nameLength = buffer.getShort(i + 28) & 0xffff;
                String entry = new String(all, i + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8);
                if (entry.equals(name)) {
                    buffer.putInt(i + 24, size);
                }
            }
        }
        Files.write(zip, all);
    }
}
