package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.FileAccess;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.permissions.Grant;
import dev.pincer.core.permissions.Grant.FileRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file service: grants, modes, links, limits and atomic writes, on real folders. */
class GuardedFilesTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private final RecordingSink audit = new RecordingSink();

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.writeString(root.resolve("notes.txt"), "notes");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/deep.txt"), "deep");
    }

    private FileAccess files(long maxFileBytes, FileRoot... roots) {
        GuardSettings defaults = GuardSettings.defaults();
        GuardSettings settings = new GuardSettings(
                defaults.maxResponseBytes(),
                defaults.maxRequestBytes(),
                defaults.maxRedirects(),
                defaults.httpTimeout(),
                maxFileBytes,
                defaults.processTimeout(),
                defaults.maxProcessOutputBytes(),
                Set.of());
        Guards guards = new Guards(
                settings, audit, Map.of(), Clock.systemUTC(), AddressResolver.system(), new RecordingTransport());
        return guards.forPlugin("notes", new Grant(List.of(), List.of(roots), Set.of(), false), tmp.resolve("data"))
                .files();
    }

    private FileAccess files(FileRoot... roots) {
        return files(1024, roots);
    }

    private FileAccess readWrite() {
        return files(new FileRoot(root, Access.READ_WRITE));
    }

    private AccessDeniedException denied(FileAccess files, String action, String path) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
            switch (action) {
                case "read" -> files.read(path);
                case "write" -> files.write(path, "x".getBytes(StandardCharsets.UTF_8));
                case "list" -> files.list(path);
                case "delete" -> files.delete(path);
                default -> throw new IllegalArgumentException(action);
            }
        });
        assertThat(thrown).as(action + " " + path).isInstanceOf(AccessDeniedException.class);
        AuditEvent event = audit.last();
        assertThat(event.kind()).isEqualTo(Kind.FILE);
        assertThat(event.action()).isEqualTo(action);
        assertThat(event.decision()).isEqualTo(Decision.DENIED);
        assertThat(event.reason()).isNotBlank();
        return (AccessDeniedException) thrown;
    }

    @Test
    void readsAndListsUnderTheRootByAbsoluteOrRelativePath() throws Exception {
        FileAccess files = readWrite();
        assertThat(new String(files.read(root.resolve("notes.txt").toString()), StandardCharsets.UTF_8))
                .isEqualTo("notes");
        assertThat(new String(files.read("sub/deep.txt"), StandardCharsets.UTF_8))
                .isEqualTo("deep");
        assertThat(files.list(root.toString())).containsExactly("notes.txt", "sub");
        AuditEvent event = audit.last();
        assertThat(event.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(event.action()).isEqualTo("list");
        assertThat(event.target()).isEqualTo(root.toString());
    }

    @Test
    void refusesTraversalOutOfTheRoot() {
        FileAccess files = readWrite();
        AccessDeniedException e = denied(files, "read", "../outside/secret.txt");
        assertThat(e)
                .hasMessage(
                        "plugin 'notes' may not read '" + outside.resolve("secret.txt") + "': outside its file grant"
                                + " (granted: " + root + " (read-write)); run `pincer plugins inspect notes`");
        assertThat(audit.last().target())
                .isEqualTo(outside.resolve("secret.txt").toString());
        denied(files, "read", root + "/sub/../../outside/secret.txt");
        denied(files, "read", outside.resolve("secret.txt").toString());
        denied(files, "list", "/");
    }

    @Test
    void refusesASymbolicLinkToAFileOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        AccessDeniedException e = denied(readWrite(), "read", "link.txt");
        assertThat(e)
                .hasMessageContaining("'link.txt' is a symbolic link; Pincer does not follow links under a granted"
                        + " root, even ones that point inside it");
        denied(readWrite(), "write", "link.txt");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("SECRET");
    }

    @Test
    void refusesASymbolicLinkToAFolderOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        FileAccess files = readWrite();
        assertThat(denied(files, "read", "linkdir/secret.txt")).hasMessageContaining("'linkdir' is a symbolic link");
        denied(files, "list", "linkdir");
        denied(files, "write", "linkdir/planted.txt");
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void refusesASymbolicLinkThatPointsInsideTheRootToo() throws IOException {
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("notes.txt"));
        Files.createSymbolicLink(root.resolve("aliasdir"), root.resolve("sub"));
        denied(readWrite(), "read", "alias.txt");
        denied(readWrite(), "read", "aliasdir/deep.txt");
    }

    @Test
    void refusesAHardLinkToAFileOutside() throws IOException {
        Files.createLink(root.resolve("hard.txt"), outside.resolve("secret.txt"));
        AccessDeniedException e = denied(readWrite(), "read", "hard.txt");
        assertThat(e).hasMessageContaining("the file has 2 hard links");
    }

    @Test
    void resolvesALinkAboveTheRootOnceWhenTheGrantIsMade() throws Exception {
        Path alias = Files.createSymbolicLink(tmp.resolve("root-alias"), root);
        FileAccess files = files(new FileRoot(alias, Access.READ));
        assertThat(new String(files.read(alias.resolve("notes.txt").toString()), StandardCharsets.UTF_8))
                .isEqualTo("notes");
        assertThat(new String(files.read(root.resolve("sub/deep.txt").toString()), StandardCharsets.UTF_8))
                .isEqualTo("deep");
    }

    @Test
    void enforcesTheModeOfEachRoot() throws Exception {
        FileAccess readOnly = files(new FileRoot(root, Access.READ));
        assertThat(denied(readOnly, "write", "new.txt"))
                .hasMessageContaining("its grant for " + root + " is read only");
        denied(readOnly, "delete", "notes.txt");
        assertThat(root.resolve("new.txt")).doesNotExist();
        assertThat(root.resolve("notes.txt")).exists();

        FileAccess writeOnly = files(new FileRoot(root, Access.WRITE));
        assertThat(denied(writeOnly, "read", "notes.txt")).hasMessageContaining("is write only");
        denied(writeOnly, "list", root.toString());
        writeOnly.write("new.txt", "fresh".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("fresh");
    }

    @Test
    void limitsTheSizeOfReadsAndWrites() throws IOException {
        Files.write(root.resolve("big.bin"), new byte[1025]);
        FileAccess files = readWrite();
        assertThatThrownBy(() -> files.read("big.bin"))
                .isInstanceOf(IOException.class)
                .hasMessage(root.resolve("big.bin") + " is larger than the limit of 1024 bytes (maxFileBytes)");
        assertThatThrownBy(() -> files.write("notes.txt", new byte[1025]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is larger than the limit of 1024 bytes");
        assertThat(Files.readString(root.resolve("notes.txt"))).isEqualTo("notes");
        assertThat(audit.last().outcome()).isEqualTo("failed");
    }

    @Test
    void writesReplaceTheFileAtomicallyAndLeaveNoTemporaryFiles() throws Exception {
        FileAccess files = files(1 << 20, new FileRoot(root, Access.READ_WRITE));
        byte[] a = new byte[256 * 1024];
        byte[] b = new byte[256 * 1024];
        java.util.Arrays.fill(a, (byte) 'a');
        java.util.Arrays.fill(b, (byte) 'b');
        files.write("doc.bin", a);
        java.util.concurrent.atomic.AtomicReference<String> torn = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end && torn.get() == null) {
                try {
                    byte[] seen = Files.readAllBytes(root.resolve("doc.bin"));
                    if (!(java.util.Arrays.equals(seen, a) || java.util.Arrays.equals(seen, b))) {
                        torn.set("read " + seen.length + " bytes mixing versions");
                    }
                } catch (IOException e) {
                    torn.set("file missing during a write: " + e);
                }
            }
        });
        reader.start();
        for (int i = 0; reader.isAlive(); i++) {
            files.write("doc.bin", i % 2 == 0 ? b : a);
        }
        reader.join();
        assertThat(torn.get()).isNull();
        try (var names = Files.list(root)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("notes.txt", "sub", "doc.bin");
        }
    }

    @Test
    void writesKeepThePermissionsOfTheFileTheyReplace() throws Exception {
        Path notes = root.resolve("notes.txt");
        Files.setPosixFilePermissions(notes, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        readWrite().write("notes.txt", "new".getBytes(StandardCharsets.UTF_8));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(notes)))
                .isEqualTo("rw-r-----");
    }

    @Test
    void writesNeedAnExistingFolder() {
        assertThatThrownBy(() -> readWrite().write("missing/new.txt", new byte[1]))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deletesFilesAndEmptyFoldersButNotTheRoot() throws Exception {
        FileAccess files = readWrite();
        assertThat(files.delete("sub/deep.txt")).isTrue();
        assertThat(files.delete("sub/deep.txt")).isFalse();
        assertThat(files.delete("sub")).isTrue();
        assertThat(root.resolve("sub")).doesNotExist();
        assertThat(denied(files, "delete", root.toString())).hasMessageContaining("it is a granted root");
        assertThat(root).isDirectory();
    }

    @Test
    void deletingALinkIsRefusedAndLeavesItsTargetAlone() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        denied(readWrite(), "delete", "link.txt");
        assertThat(outside.resolve("secret.txt")).exists();
    }

    @Test
    void noGrantMeansNoFiles() {
        FileAccess none = files();
        assertThat(denied(none, "read", "notes.txt")).hasMessageContaining("it has no file grant");
        assertThat(denied(none, "read", root.resolve("notes.txt").toString()))
                .hasMessageContaining("outside its file grant (granted: nothing)");
    }
}
