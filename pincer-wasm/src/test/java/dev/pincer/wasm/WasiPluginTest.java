package dev.pincer.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.permissions.ApprovalBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that sets {@code runtime.wasi} reads files through WASI: the host preopens its granted
 * root and nothing else, so a granted file is read, while {@code ..}, a symbolic link out of the root
 * and an ungranted plugin are refused, with audit records from the guarded file service.
 */
class WasiPluginTest {

    /** Reads the file named by the input, relative to the first preopen (fd 3); returns the errno on failure. */
    private static final String READER =
            """
            (module
            %s
              (import "wasi_snapshot_preview1" "path_open"
                (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "read") (result i32)
                (local $n i64) (local $i i64) (local $err i32) (local $out i64)
                (local.set $n (call $input_length))
                (block $d (loop $l
                  (br_if $d (i64.ge_u (local.get $i) (local.get $n)))
                  (i32.store8 (i32.add (i32.const 1024) (i32.wrap_i64 (local.get $i)))
                    (call $input_load_u8 (local.get $i)))
                  (local.set $i (i64.add (local.get $i) (i64.const 1)))
                  (br $l)))
                (local.set $err (call $path_open (i32.const 3) (i32.const 0) (i32.const 1024)
                  (i32.wrap_i64 (local.get $n)) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 20)))
                (if (local.get $err) (then (return (local.get $err))))
                (i32.store (i32.const 0) (i32.const 2048))
                (i32.store (i32.const 4) (i32.const 1024))
                (local.set $err (call $fd_read (i32.load (i32.const 20)) (i32.const 0) (i32.const 1) (i32.const 16)))
                (if (local.get $err) (then (return (i32.add (i32.const 1000) (local.get $err)))))
                (local.set $n (i64.extend_i32_u (i32.load (i32.const 16))))
                (local.set $out (call $alloc (local.get $n)))
                (local.set $i (i64.const 0))
                (block $d2 (loop $l2
                  (br_if $d2 (i64.ge_u (local.get $i) (local.get $n)))
                  (call $store_u8 (i64.add (local.get $out) (local.get $i))
                    (i32.load8_u (i32.add (i32.const 2048) (i32.wrap_i64 (local.get $i)))))
                  (local.set $i (i64.add (local.get $i) (i64.const 1)))
                  (br $l2)))
                (call $output_set (local.get $out) (local.get $n))
                (i32.const 0)))
            """
                    .formatted(Guests.IMPORTS);

    @TempDir
    Path dir;

    private Path shared;
    private WasmHost wasm;

    @BeforeEach
    void setUp() throws Exception {
        shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("note.txt"), "granted words");
        Files.writeString(dir.resolve("secret.txt"), "not yours");
        Files.createSymbolicLink(shared.resolve("link.txt"), dir.resolve("secret.txt"));
        wasm = new WasmHost(dir);
        byte[] module = Wat2Wasm.parse(READER);
        wasm.plugin(
                "reader",
                manifest(
                        "reader",
                        ",\"permissions\": {\"filesystem\": [{\"path\": \"" + shared + "\", \"mode\": \"read\"}]}"),
                module);
        wasm.plugin("blind", manifest("blind", ""), module);
        wasm.start(approving("reader", shared));
    }

    @AfterEach
    void tearDown() {
        wasm.close();
    }

    @Test
    void aGrantedFileIsReadThroughItsPreopen() {
        Invocation read = wasm.call("reader_read", Map.of("text", "note.txt"));

        assertThat(WasmHost.text(read)).isEqualTo("granted words");
        assertThat(wasm.audited(AuditEvent.Kind.FILE)).anySatisfy(e -> {
            assertThat(e.target()).isEqualTo(shared.resolve("note.txt").toString());
            assertThat(e.decision()).isEqualTo(AuditEvent.Decision.ALLOWED);
        });
    }

    @Test
    void climbingOutOfTheRootIsRefusedWithNotCapable() {
        Invocation climb = wasm.call("reader_read", Map.of("text", "../secret.txt"));

        assertThat(climb.result().isError()).isTrue();
        assertThat(WasmHost.text(climb)).isEqualTo("plugin 'reader' returned 76 from 'read' without an error message");
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefusedAndAudited() {
        Invocation link = wasm.call("reader_read", Map.of("text", "link.txt"));

        assertThat(link.result().isError()).isTrue();
        assertThat(WasmHost.text(link)).doesNotContain("not yours");
        assertThat(wasm.audited(AuditEvent.Kind.FILE)).anySatisfy(e -> {
            assertThat(e.target()).isEqualTo(shared.resolve("link.txt").toString());
            assertThat(e.decision()).isEqualTo(AuditEvent.Decision.DENIED);
        });
    }

    @Test
    void aPluginWithoutAFileGrantHasNoPreopenAtAll() {
        Invocation blind = wasm.call("blind_read", Map.of("text", "note.txt"));

        assertThat(WasmHost.text(blind)).isEqualTo("plugin 'blind' returned 8 from 'read' without an error message");
    }

    private static String manifest(String id, String permissions) {
        return """
                {"id": "%s", "version": "0.1.0",
                 "runtime": {"type": "wasm", "module": "plugin.wasm", "wasi": true,
                             "functions": {"%s_read": {"export": "read", "argument": "text"}}},
                 "provides": {"tools": [{"name": "%s_read"}]}%s}
                """
                .formatted(id, id, id, permissions);
    }

    private static ApprovalBook approving(String pluginId, Path root) {
        return WasmHost.approving(
                pluginId,
                new Permissions(
                        List.of(),
                        List.of(new Permissions.FileGrant(root.toString(), Permissions.Access.READ)),
                        List.of(),
                        false));
    }
}
