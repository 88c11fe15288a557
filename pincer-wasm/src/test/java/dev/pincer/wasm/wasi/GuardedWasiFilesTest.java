package dev.pincer.wasm.wasi;

import static dev.pincer.wasm.wasi.Preview1.EACCES;
import static dev.pincer.wasm.wasi.Preview1.EBADF;
import static dev.pincer.wasm.wasi.Preview1.EEXIST;
import static dev.pincer.wasm.wasi.Preview1.ENOENT;
import static dev.pincer.wasm.wasi.Preview1.ENOTCAPABLE;
import static dev.pincer.wasm.wasi.Preview1.ESUCCESS;
import static dev.pincer.wasm.wasi.Preview1.FDFLAG_APPEND;
import static dev.pincer.wasm.wasi.Preview1.O_CREAT;
import static dev.pincer.wasm.wasi.Preview1.O_EXCL;
import static dev.pincer.wasm.wasi.Preview1.O_TRUNC;
import static dev.pincer.wasm.wasi.Preview1.RIGHT_FD_READ;
import static dev.pincer.wasm.wasi.Preview1.RIGHT_FD_WRITE;
import static dev.pincer.wasm.wasi.Sandbox.read;
import static dev.pincer.wasm.wasi.Sandbox.readWrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.permissions.Grant;
import dev.pincer.wasm.wasi.WasiGuest.Opened;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, reading and writing files through preopens, on real folders, held to the grant. */
class GuardedWasiFilesTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private Sandbox sandbox;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(root.resolve("notes.txt"), "hello notes");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/deep.txt"), "deep");
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        sandbox = new Sandbox(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void preopensEachGrantedRootUnderItsHostPath() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root), readWrite(outside)));
        int prestat = guest.alloc(8);

        assertThat(guest.call("fd_prestat_get", 3, prestat)).isEqualTo(ESUCCESS);
        int length = guest.u32(prestat + 4);
        int name = guest.alloc(length);
        assertThat(guest.call("fd_prestat_dir_name", 3, name, length)).isEqualTo(ESUCCESS);
        assertThat(guest.text(name, length)).isEqualTo(root.toString());
        assertThat(guest.call("fd_prestat_get", 4, prestat)).isEqualTo(ESUCCESS);
        assertThat(guest.call("fd_prestat_get", 5, prestat)).isEqualTo(EBADF);
    }

    @Test
    void readsAGrantedFile() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened opened = guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0);

        assertThat(opened.errno()).isEqualTo(ESUCCESS);
        assertThat(guest.read(opened.fd(), 100)).isEqualTo("hello notes");
        assertThat(guest.read(opened.fd(), 100)).isEmpty();
        assertThat(sandbox.audit.of(Kind.FILE, Decision.ALLOWED))
                .extracting(AuditEvent::action, AuditEvent::target)
                .contains(tuple("read", root.resolve("notes.txt").toString()));
    }

    @Test
    void readsThroughASubfolderDescriptorAndDotDotThatStaysInside() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened sub = guest.open(3, "sub", Preview1.O_DIRECTORY, RIGHT_FD_READ, 0);
        Opened deep = guest.open(sub.fd(), "./deep.txt", 0, RIGHT_FD_READ, 0);
        Opened notes = guest.open(3, "sub/../notes.txt", 0, RIGHT_FD_READ, 0);

        assertThat(sub.errno()).isEqualTo(ESUCCESS);
        assertThat(guest.read(deep.fd(), 100)).isEqualTo("deep");
        assertThat(guest.read(notes.fd(), 100)).isEqualTo("hello notes");
    }

    @Test
    void writesAGrantedReadWriteFileWhenItIsClosed() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));

        Opened opened = guest.open(3, "out.txt", O_CREAT | O_TRUNC, RIGHT_FD_WRITE, 0);
        assertThat(opened.errno()).isEqualTo(ESUCCESS);
        assertThat(guest.write(opened.fd(), "first line\n")).isEqualTo(ESUCCESS);
        assertThat(guest.write(opened.fd(), "second line\n")).isEqualTo(ESUCCESS);
        assertThat(Files.readString(root.resolve("out.txt"))).isEmpty();

        assertThat(guest.call("fd_close", opened.fd())).isEqualTo(ESUCCESS);

        assertThat(Files.readString(root.resolve("out.txt"))).isEqualTo("first line\nsecond line\n");
        assertThat(guest.call("fd_close", opened.fd())).isEqualTo(EBADF);
    }

    @Test
    void resetWritesFilesTheGuestLeftOpen() throws IOException {
        GuardedWasi wasi = sandbox.wasi(readWrite(root));
        WasiGuest guest = WasiGuest.trampoline(wasi);
        Opened opened = guest.open(3, "notes.txt", 0, RIGHT_FD_READ | RIGHT_FD_WRITE, FDFLAG_APPEND);
        guest.write(opened.fd(), ", appended");

        wasi.reset();

        assertThat(Files.readString(root.resolve("notes.txt"))).isEqualTo("hello notes, appended");
        assertThat(guest.call("fd_close", opened.fd())).isEqualTo(EBADF);
        assertThat(guest.call("fd_prestat_get", 3, guest.alloc(8))).isEqualTo(ESUCCESS);
    }

    @Test
    void overwritesInPlaceWithoutTruncation() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));
        Opened opened = guest.open(3, "notes.txt", 0, RIGHT_FD_WRITE, 0);

        guest.write(opened.fd(), "HELLO");
        guest.call("fd_sync", opened.fd());

        assertThat(Files.readString(root.resolve("notes.txt"))).isEqualTo("HELLO notes");
    }

    @Test
    void refusesAPathThatClimbsOutOfThePreopen() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened opened = guest.open(3, "../outside/secret.txt", 0, RIGHT_FD_READ, 0);

        assertThat(opened.errno()).isEqualTo(ENOTCAPABLE);
        assertThat(sandbox.stderr)
                .singleElement()
                .asString()
                .startsWith("pincer: WASI path '../outside/secret.txt' climbs above the folder " + root);
        assertThat(sandbox.audit.events())
                .noneMatch(e -> String.valueOf(e.target()).contains("secret"));
    }

    @Test
    void refusesAnAbsolutePath() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened opened = guest.open(3, outside.resolve("secret.txt").toString(), 0, RIGHT_FD_READ, 0);

        assertThat(opened.errno()).isEqualTo(ENOTCAPABLE);
        assertThat(sandbox.stderr).singleElement().asString().contains("is absolute");
    }

    @Test
    void refusesASymbolicLinkThatPointsOutsideAndAuditsTheDenial() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened opened = guest.open(3, "link.txt", 0, RIGHT_FD_READ, 0);

        assertThat(opened.errno()).isEqualTo(EACCES);
        assertThat(sandbox.audit.of(Kind.FILE, Decision.DENIED)).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo(root.resolve("link.txt").toString());
            assertThat(e.reason()).contains("symbolic link");
        });
        assertThat(sandbox.stderr)
                .singleElement()
                .asString()
                .startsWith("pincer: plugin 'wasi-test' may not read '" + root.resolve("link.txt") + "'");
    }

    @Test
    void refusesAHardLinkToAFileOutsideAndAuditsTheDenial() throws IOException {
        Files.createLink(root.resolve("hard.txt"), outside.resolve("secret.txt"));
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened opened = guest.open(3, "hard.txt", 0, RIGHT_FD_READ, 0);

        assertThat(opened.errno()).isEqualTo(EACCES);
        assertThat(sandbox.audit.of(Kind.FILE, Decision.DENIED)).singleElement().satisfies(e -> assertThat(e.reason())
                .contains("hard links"));
    }

    @Test
    void withoutAFileGrantThereAreNoPreopensAndNothingOpens() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(Grant.none()));

        assertThat(guest.call("fd_prestat_get", 3, guest.alloc(8))).isEqualTo(EBADF);
        assertThat(guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0).errno()).isEqualTo(EBADF);
        assertThat(guest.open(0, "notes.txt", 0, RIGHT_FD_READ, 0).errno()).isEqualTo(Preview1.ENOTDIR);
    }

    @Test
    void aReadOnlyGrantRefusesOpeningForWrite() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        Opened plain = guest.open(3, "notes.txt", 0, RIGHT_FD_WRITE, 0);
        Opened truncating = guest.open(3, "notes.txt", O_CREAT | O_TRUNC, RIGHT_FD_WRITE, 0);

        assertThat(plain.errno()).isEqualTo(EACCES);
        assertThat(truncating.errno()).isEqualTo(EACCES);
        assertThat(Files.readString(root.resolve("notes.txt"))).isEqualTo("hello notes");
        assertThat(sandbox.audit.of(Kind.FILE, Decision.DENIED)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("write");
            assertThat(e.reason()).contains("read only");
        });
        assertThat(sandbox.stderr)
                .first()
                .asString()
                .isEqualTo("pincer: WASI may not open '" + root.resolve("notes.txt")
                        + "' for writing: no granted root that may be written holds it;"
                        + " grant it read-write in the manifest");
    }

    @Test
    void aReadOnlyGrantRefusesReadWriteOpensAsLibcAsksForThem() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));
        int stat = guest.alloc(24);
        guest.call("fd_fdstat_get", 3, stat);
        // wasi-libc's openat asks only for the rights the folder's inheriting rights allow.
        long inheriting = guest.u64(stat + 16);

        Opened opened = guest.open(3, "notes.txt", 0, (RIGHT_FD_READ | RIGHT_FD_WRITE) & inheriting, 0);

        assertThat(opened.errno()).isEqualTo(EACCES);
    }

    @Test
    void answersMissingFilesAndExclusiveCreation() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));

        assertThat(guest.open(3, "missing.txt", 0, RIGHT_FD_READ, 0).errno()).isEqualTo(ENOENT);
        assertThat(guest.open(3, "missing.txt", 0, RIGHT_FD_WRITE, 0).errno()).isEqualTo(ENOENT);
        assertThat(guest.open(3, "notes.txt", O_CREAT | O_EXCL, RIGHT_FD_WRITE, 0)
                        .errno())
                .isEqualTo(EEXIST);
        assertThat(guest.open(3, "fresh.txt", O_CREAT | O_EXCL, RIGHT_FD_WRITE, 0)
                        .errno())
                .isEqualTo(ESUCCESS);
        assertThat(root.resolve("fresh.txt")).exists().isEmptyFile();
    }

    @Test
    void seeksTellsAndReadsAtAnOffset() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));
        int fd = guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0).fd();
        int position = guest.alloc(8);

        assertThat(guest.call("fd_seek", fd, -5L, 2, position)).isEqualTo(ESUCCESS);
        assertThat(guest.u64(position)).isEqualTo(6);
        assertThat(guest.read(fd, 100)).isEqualTo("notes");
        assertThat(guest.call("fd_tell", fd, position)).isEqualTo(ESUCCESS);
        assertThat(guest.u64(position)).isEqualTo(11);
        assertThat(guest.call("fd_seek", fd, -1L, 0, position)).isEqualTo(Preview1.EINVAL);
        assertThat(guest.call("fd_seek", 1, 0L, 0, position)).isEqualTo(Preview1.ESPIPE);

        int buffer = guest.alloc(5);
        int read = guest.alloc(4);
        assertThat(guest.call("fd_pread", fd, guest.iovec(buffer, 5), 1, 0L, read))
                .isEqualTo(ESUCCESS);
        assertThat(guest.text(buffer, guest.u32(read))).isEqualTo("hello");
    }

    @Test
    void aFileOpenForReadingCannotBeWritten() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));
        int fd = guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0).fd();

        assertThat(guest.write(fd, "x")).isEqualTo(EBADF);
        assertThat(guest.write(3, "x")).isEqualTo(Preview1.EISDIR);
    }

    @Test
    void limitsOpenDescriptorsToSixtyFourUntilReset() {
        GuardedWasi wasi = sandbox.wasi(read(root));
        WasiGuest guest = WasiGuest.trampoline(wasi);
        for (int i = 0; i < 64; i++) {
            assertThat(guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0).errno()).isEqualTo(ESUCCESS);
        }

        assertThat(guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0).errno()).isEqualTo(Preview1.EMFILE);

        wasi.reset();
        Opened again = guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0);
        assertThat(again.errno()).isEqualTo(ESUCCESS);
        assertThat(again.fd()).isEqualTo(4);
    }

    @Test
    void refusesWritesBeyondTheFileLimit() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(8, readWrite(root)));
        int fd = guest.open(3, "big.txt", O_CREAT | O_TRUNC, RIGHT_FD_WRITE, 0).fd();

        assertThat(guest.write(fd, "12345678")).isEqualTo(ESUCCESS);
        assertThat(guest.write(fd, "9")).isEqualTo(Preview1.EFBIG);
        guest.call("fd_close", fd);
        assertThat(Files.readString(root.resolve("big.txt"))).isEqualTo("12345678");
    }
}
