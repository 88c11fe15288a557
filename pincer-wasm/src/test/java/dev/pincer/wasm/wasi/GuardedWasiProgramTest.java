package dev.pincer.wasm.wasi;

import static dev.pincer.wasm.wasi.Sandbox.read;
import static dev.pincer.wasm.wasi.Sandbox.readWrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole guest programs written in WAT, doing what a C or Rust program's libc does: find the
 * preopen, open a file relative to it, copy it, and exit with a code.
 */
class GuardedWasiProgramTest {

    /**
     * Opens {@code in.txt} under fd 3, reads it, writes it to stdout and to {@code out.txt} under fd
     * 4, and exits with the errno of the first step that failed (plus 100 for the step number), or 0.
     */
    private static final String COPY =
            """
            (module
              (import "wasi_snapshot_preview1" "path_open"
                (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "in.txt")
              (data (i32.const 32) "out.txt")
              ;; 64: fd in, 68: fd out, 72: iovec {1024, 4096}, 80: count
              (func $check (param $errno i32) (param $step i32)
                (if (local.get $errno)
                  (then (call $proc_exit (i32.add (i32.mul (local.get $step) (i32.const 100))
                                                  (local.get $errno))))))
              (func (export "run")
                (call $check (call $path_open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 6)
                  (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 64)) (i32.const 1))
                (i32.store (i32.const 72) (i32.const 1024))
                (i32.store (i32.const 76) (i32.const 4096))
                (call $check (call $fd_read (i32.load (i32.const 64)) (i32.const 72) (i32.const 1)
                  (i32.const 80)) (i32.const 2))
                (i32.store (i32.const 76) (i32.load (i32.const 80)))
                (call $check (call $fd_write (i32.const 1) (i32.const 72) (i32.const 1) (i32.const 80))
                  (i32.const 3))
                (call $check (call $path_open (i32.const 4) (i32.const 0) (i32.const 32) (i32.const 7)
                  (i32.const 9) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 68)) (i32.const 4))
                (call $check (call $fd_write (i32.load (i32.const 68)) (i32.const 72) (i32.const 1)
                  (i32.const 80)) (i32.const 5))
                (call $check (call $fd_close (i32.load (i32.const 68))) (i32.const 6))
                (call $proc_exit (i32.const 0))))
            """;

    @TempDir
    Path tmp;

    private Path in;
    private Path out;
    private Sandbox sandbox;

    @BeforeEach
    void folders() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(in.resolve("in.txt"), "copied line\n");
        sandbox = new Sandbox(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void copiesAGrantedFileToAGrantedFolderAndToStdout() throws IOException {
        WasiGuest guest = WasiGuest.of(COPY, sandbox.wasi(read(in), readWrite(out)));

        WasiExit exit = catchThrowableOfType(WasiExit.class, () -> guest.call("run"));

        assertThat(exit.code()).isZero();
        assertThat(sandbox.stdout).containsExactly("copied line");
        assertThat(Files.readString(out.resolve("out.txt"))).isEqualTo("copied line\n");
    }

    @Test
    void failsWritingWhenTheSecondRootIsReadOnly() {
        WasiGuest guest = WasiGuest.of(COPY, sandbox.wasi(read(in), read(out)));

        WasiExit exit = catchThrowableOfType(WasiExit.class, () -> guest.call("run"));

        assertThat(exit.code()).isEqualTo(400 + Preview1.EACCES);
        assertThat(out.resolve("out.txt")).doesNotExist();
    }

    @Test
    void failsOpeningWhenNothingIsGranted() {
        WasiGuest guest = WasiGuest.of(COPY, sandbox.wasi());

        WasiExit exit = catchThrowableOfType(WasiExit.class, () -> guest.call("run"));

        assertThat(exit.code()).isEqualTo(100 + Preview1.EBADF);
    }
}
