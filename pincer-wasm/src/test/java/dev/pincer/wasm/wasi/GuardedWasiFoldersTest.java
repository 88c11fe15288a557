package dev.pincer.wasm.wasi;

import static dev.pincer.wasm.wasi.Preview1.EACCES;
import static dev.pincer.wasm.wasi.Preview1.ENOENT;
import static dev.pincer.wasm.wasi.Preview1.ENOTCAPABLE;
import static dev.pincer.wasm.wasi.Preview1.ENOTSUP;
import static dev.pincer.wasm.wasi.Preview1.ESUCCESS;
import static dev.pincer.wasm.wasi.Preview1.FILETYPE_DIRECTORY;
import static dev.pincer.wasm.wasi.Preview1.FILETYPE_REGULAR_FILE;
import static dev.pincer.wasm.wasi.Preview1.O_DIRECTORY;
import static dev.pincer.wasm.wasi.Preview1.RIGHT_FD_READ;
import static dev.pincer.wasm.wasi.Preview1.RIGHT_FD_WRITE;
import static dev.pincer.wasm.wasi.Sandbox.read;
import static dev.pincer.wasm.wasi.Sandbox.readWrite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing, describing and deleting under preopens, and the operations the file service cannot back. */
class GuardedWasiFoldersTest {

    @TempDir
    Path tmp;

    private Path root;
    private Sandbox sandbox;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("notes.txt"), "hello notes");
        Files.createDirectories(root.resolve("sub"));
        sandbox = new Sandbox(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void listsAPreopenWithDotEntries() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        assertThat(names(guest, 3, 4096)).containsExactly(".", "..", "notes.txt", "sub");
    }

    @Test
    void listsAcrossCallsWhenTheBufferIsSmall() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        assertThat(names(guest, 3, 40)).containsExactly(".", "..", "notes.txt", "sub");
    }

    @Test
    void listsAFolderOpenedWithODirectory() throws IOException {
        Files.writeString(root.resolve("sub/a.txt"), "a");
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        WasiGuest.Opened sub = guest.open(3, "sub", O_DIRECTORY, RIGHT_FD_READ, 0);

        assertThat(names(guest, sub.fd(), 4096)).containsExactly(".", "..", "a.txt");
        assertThat(guest.open(3, "notes.txt", O_DIRECTORY, RIGHT_FD_READ, 0).errno())
                .isEqualTo(Preview1.ENOTDIR);
    }

    @Test
    void listsAnOpenedFolderOnceAndAfreshWhenRewound() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));
        int sub = guest.open(3, "sub", O_DIRECTORY, RIGHT_FD_READ, 0).fd();

        assertThat(names(guest, sub, 4096)).containsExactly(".", "..");
        Files.writeString(root.resolve("sub/later.txt"), "later");
        assertThat(names(guest, sub, 4096)).containsExactly(".", "..", "later.txt");

        assertThat(sandbox.audit.events())
                .filteredOn(e -> e.action().equals("list"))
                .hasSize(2);
    }

    @Test
    void describesFilesAndFoldersByPath() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));
        int stat = guest.alloc(64);

        assertThat(filestat(guest, "notes.txt", stat)).isEqualTo(ESUCCESS);
        assertThat(guest.memory().read(stat + 16)).isEqualTo((byte) FILETYPE_REGULAR_FILE);
        assertThat(guest.u64(stat + 32)).isEqualTo(11);
        assertThat(filestat(guest, "sub", stat)).isEqualTo(ESUCCESS);
        assertThat(guest.memory().read(stat + 16)).isEqualTo((byte) FILETYPE_DIRECTORY);
        assertThat(filestat(guest, "missing", stat)).isEqualTo(ENOENT);
    }

    @Test
    void describesDescriptors() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));
        int stat = guest.alloc(64);
        int fd = guest.open(3, "notes.txt", 0, RIGHT_FD_READ, 0).fd();

        assertThat(guest.call("fd_fdstat_get", fd, stat)).isEqualTo(ESUCCESS);
        assertThat(guest.memory().read(stat)).isEqualTo((byte) FILETYPE_REGULAR_FILE);
        assertThat(guest.u64(stat + 8) & RIGHT_FD_READ).isNotZero();
        assertThat(guest.u64(stat + 8) & RIGHT_FD_WRITE).isZero();
        assertThat(guest.call("fd_fdstat_get", 1, stat)).isEqualTo(ESUCCESS);
        assertThat(guest.memory().read(stat)).isEqualTo((byte) Preview1.FILETYPE_CHARACTER_DEVICE);
        assertThat(guest.call("fd_fdstat_get", 3, stat)).isEqualTo(ESUCCESS);
        assertThat(guest.memory().read(stat)).isEqualTo((byte) FILETYPE_DIRECTORY);
        assertThat(guest.call("fd_filestat_get", fd, stat)).isEqualTo(ESUCCESS);
        assertThat(guest.u64(stat + 32)).isEqualTo(11);
    }

    @Test
    void deletesFilesAndEmptyFoldersUnderAWritableRoot() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));

        assertThat(delete(guest, "path_unlink_file", "notes.txt")).isEqualTo(ESUCCESS);
        assertThat(delete(guest, "path_remove_directory", "sub")).isEqualTo(ESUCCESS);
        assertThat(delete(guest, "path_unlink_file", "notes.txt")).isEqualTo(ENOENT);

        assertThat(root).isEmptyDirectory();
    }

    @Test
    void refusesDeletingUnderAReadOnlyRootAndAuditsIt() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(read(root)));

        assertThat(delete(guest, "path_unlink_file", "notes.txt")).isEqualTo(EACCES);

        assertThat(root.resolve("notes.txt")).exists();
        assertThat(sandbox.audit.of(Kind.FILE, Decision.DENIED)).singleElement().satisfies(e -> assertThat(e.action())
                .isEqualTo("delete"));
    }

    @Test
    void cannotCreateFoldersAndSaysWhy() {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));

        assertThat(delete(guest, "path_create_directory", "new")).isEqualTo(ENOTSUP);

        assertThat(root.resolve("new")).doesNotExist();
        assertThat(sandbox.stderr)
                .containsExactly("pincer: WASI cannot create folder 'new' under " + root
                        + ": Pincer's file service does not create folders; create it before the plugin runs");
    }

    @Test
    void neverMakesLinksOrRenames() throws IOException {
        WasiGuest guest = WasiGuest.trampoline(sandbox.wasi(readWrite(root)));
        int from = guest.string("notes.txt");
        int to = guest.string("moved.txt");

        assertThat(guest.call("path_rename", 3, from, 9, 3, to, 9)).isEqualTo(ENOTCAPABLE);
        assertThat(guest.call("path_link", 3, 0, from, 9, 3, to, 9)).isEqualTo(ENOTCAPABLE);
        assertThat(guest.call("path_symlink", from, 9, 3, to, 9)).isEqualTo(ENOTCAPABLE);
        assertThat(guest.call("path_readlink", 3, from, 9, guest.alloc(64), 64, guest.alloc(4)))
                .isEqualTo(ENOTCAPABLE);

        try (var entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt", "sub");
        }
        assertThat(sandbox.stderr)
                .first()
                .asString()
                .isEqualTo("pincer: WASI path_rename is refused:"
                        + " Pincer's file service offers no rename; write the new file and delete the old one");
    }

    private static int filestat(WasiGuest guest, String path, int stat) {
        int length = path.getBytes(StandardCharsets.UTF_8).length;
        return guest.call("path_filestat_get", 3, 0, guest.string(path), length, stat);
    }

    private static int delete(WasiGuest guest, String function, String path) {
        return guest.call(function, 3, guest.string(path), path.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Reads every entry of {@code fd} with {@code fd_readdir}, {@code size} bytes at a time, as wasi-libc does. */
    private static List<String> names(WasiGuest guest, int fd, int size) {
        List<String> names = new ArrayList<>();
        int buffer = guest.alloc(size);
        int used = guest.alloc(4);
        long cookie = 0;
        while (true) {
            assertThat(guest.call("fd_readdir", fd, buffer, size, cookie, used)).isEqualTo(ESUCCESS);
            int at = 0;
            int end = guest.u32(used);
            while (at + 24 <= end) {
                int length = guest.u32(buffer + at + 16);
                if (at + 24 + length > end) {
                    break;
                }
                names.add(guest.text(buffer + at + 24, length));
                cookie = guest.u64(buffer + at);
                at += 24 + length;
            }
            if (end < size) {
                return names;
            }
            if (at == 0) {
                throw new AssertionError("an entry is larger than the " + size + "-byte buffer");
            }
        }
    }
}
