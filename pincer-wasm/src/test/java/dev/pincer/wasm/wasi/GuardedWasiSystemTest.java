package dev.pincer.wasm.wasi;

import static dev.pincer.wasm.wasi.Preview1.EBADF;
import static dev.pincer.wasm.wasi.Preview1.EFAULT;
import static dev.pincer.wasm.wasi.Preview1.ENOSYS;
import static dev.pincer.wasm.wasi.Preview1.ESUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.dylibso.chicory.runtime.HostFunction;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.permissions.Grant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard streams, environment, arguments, clocks, exit and guest pointers. */
class GuardedWasiSystemTest {

    @TempDir
    Path tmp;

    private Sandbox sandbox;

    private WasiGuest guest(Grant grant, Map<String, String> environment) {
        sandbox = new Sandbox(tmp, environment);
        return WasiGuest.trampoline(sandbox.wasi(grant));
    }

    private WasiGuest guest() {
        return guest(Grant.none(), Map.of());
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    /** Every preview 1 function and its signature, as Chicory 1.7.5's own WASI module declares them. */
    private static final String PREVIEW1 =
            """
            args_get [I32, I32] -> [I32]
            args_sizes_get [I32, I32] -> [I32]
            clock_res_get [I32, I32] -> [I32]
            clock_time_get [I32, I64, I32] -> [I32]
            environ_get [I32, I32] -> [I32]
            environ_sizes_get [I32, I32] -> [I32]
            fd_advise [I32, I64, I64, I32] -> [I32]
            fd_allocate [I32, I64, I64] -> [I32]
            fd_close [I32] -> [I32]
            fd_datasync [I32] -> [I32]
            fd_fdstat_get [I32, I32] -> [I32]
            fd_fdstat_set_flags [I32, I32] -> [I32]
            fd_fdstat_set_rights [I32, I64, I64] -> [I32]
            fd_filestat_get [I32, I32] -> [I32]
            fd_filestat_set_size [I32, I64] -> [I32]
            fd_filestat_set_times [I32, I64, I64, I32] -> [I32]
            fd_pread [I32, I32, I32, I64, I32] -> [I32]
            fd_prestat_dir_name [I32, I32, I32] -> [I32]
            fd_prestat_get [I32, I32] -> [I32]
            fd_pwrite [I32, I32, I32, I64, I32] -> [I32]
            fd_read [I32, I32, I32, I32] -> [I32]
            fd_readdir [I32, I32, I32, I64, I32] -> [I32]
            fd_renumber [I32, I32] -> [I32]
            fd_seek [I32, I64, I32, I32] -> [I32]
            fd_sync [I32] -> [I32]
            fd_tell [I32, I32] -> [I32]
            fd_write [I32, I32, I32, I32] -> [I32]
            path_create_directory [I32, I32, I32] -> [I32]
            path_filestat_get [I32, I32, I32, I32, I32] -> [I32]
            path_filestat_set_times [I32, I32, I32, I32, I64, I64, I32] -> [I32]
            path_link [I32, I32, I32, I32, I32, I32, I32] -> [I32]
            path_open [I32, I32, I32, I32, I32, I64, I64, I32, I32] -> [I32]
            path_readlink [I32, I32, I32, I32, I32, I32] -> [I32]
            path_remove_directory [I32, I32, I32] -> [I32]
            path_rename [I32, I32, I32, I32, I32, I32] -> [I32]
            path_symlink [I32, I32, I32, I32, I32] -> [I32]
            path_unlink_file [I32, I32, I32] -> [I32]
            poll_oneoff [I32, I32, I32, I32] -> [I32]
            proc_exit [I32] -> []
            proc_raise [I32] -> [I32]
            random_get [I32, I32] -> [I32]
            sched_yield [] -> [I32]
            sock_accept [I32, I32, I32] -> [I32]
            sock_recv [I32, I32, I32, I32, I32, I32] -> [I32]
            sock_send [I32, I32, I32, I32, I32] -> [I32]
            sock_shutdown [I32, I32] -> [I32]
            """;

    @Test
    void offersEveryPreview1FunctionWithItsSignature() {
        sandbox = new Sandbox(tmp);

        List<HostFunction> functions = sandbox.wasi(Grant.none()).functions();

        assertThat(functions).allMatch(f -> f.module().equals("wasi_snapshot_preview1"));
        assertThat(functions.stream()
                        .map(f -> f.name() + " " + f.paramTypes() + " -> " + f.returnTypes())
                        .sorted())
                .containsExactlyElementsOf(PREVIEW1.lines().toList());
    }

    @Test
    void handsEachStdoutLineToTheConsumerAndThePartialLastOneOnReset() {
        sandbox = new Sandbox(tmp);
        GuardedWasi wasi = sandbox.wasi(Grant.none());
        WasiGuest guest = WasiGuest.trampoline(wasi);

        assertThat(guest.write(1, "one\ntwo\r\nthr")).isEqualTo(ESUCCESS);
        assertThat(guest.write(1, "ee")).isEqualTo(ESUCCESS);
        assertThat(guest.write(2, "oops\n")).isEqualTo(ESUCCESS);
        assertThat(sandbox.stdout).containsExactly("one", "two");

        wasi.reset();

        assertThat(sandbox.stdout).containsExactly("one", "two", "three");
        assertThat(sandbox.stderr).containsExactly("oops");
    }

    @Test
    void cutsALineLongerThanEightKibibytes() {
        WasiGuest guest = guest();

        guest.write(1, "x".repeat(10_000) + "\nnext\n");

        assertThat(sandbox.stdout).containsExactly("x".repeat(8192) + " …[cut]", "next");
    }

    @Test
    void doesNotSplitACharacterWhereALineIsCut() {
        WasiGuest guest = guest();

        guest.write(1, "x".repeat(8191) + "é" + "\n");

        assertThat(sandbox.stdout).containsExactly("x".repeat(8191) + " …[cut]");
    }

    @Test
    void standardInputIsAtItsEnd() {
        WasiGuest guest = guest();

        assertThat(guest.read(0, 16)).isEmpty();
    }

    @Test
    void environmentHoldsOnlyGrantedVariablesThatAreSet() {
        Grant grant = new Grant(List.of(), List.of(), Set.of("API_TOKEN", "UNSET_NAME"), false);
        WasiGuest guest = guest(grant, Map.of("API_TOKEN", "t0k3n", "HOME_SECRET", "hidden"));
        int count = guest.alloc(4);
        int size = guest.alloc(4);

        assertThat(guest.call("environ_sizes_get", count, size)).isEqualTo(ESUCCESS);
        assertThat(guest.u32(count)).isEqualTo(1);
        int pointers = guest.alloc(4 * guest.u32(count));
        int buffer = guest.alloc(guest.u32(size));
        assertThat(guest.call("environ_get", pointers, buffer)).isEqualTo(ESUCCESS);

        assertThat(guest.u32(pointers)).isEqualTo(buffer);
        assertThat(guest.text(buffer, guest.u32(size))).isEqualTo("API_TOKEN=t0k3n\0");
        assertThat(sandbox.audit.events())
                .filteredOn(e -> e.kind() == Kind.ENV)
                .extracting(AuditEvent::target, AuditEvent::decision, AuditEvent::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("API_TOKEN", Decision.ALLOWED, "set"),
                        org.assertj.core.groups.Tuple.tuple("UNSET_NAME", Decision.ALLOWED, "unset"));
        assertThat(sandbox.audit.events().toString()).doesNotContain("HOME_SECRET", "t0k3n");
    }

    @Test
    void theOnlyArgumentIsTheProgramName() {
        WasiGuest guest = guest();
        int count = guest.alloc(4);
        int size = guest.alloc(4);
        guest.call("args_sizes_get", count, size);
        int argv = guest.alloc(4);
        int buffer = guest.alloc(guest.u32(size));

        assertThat(guest.call("args_get", argv, buffer)).isEqualTo(ESUCCESS);

        assertThat(guest.u32(count)).isEqualTo(1);
        assertThat(guest.text(guest.u32(argv), guest.u32(size))).isEqualTo("plugin\0");
    }

    @Test
    void realtimeComesFromTheClockAndMonotonicTimeAdvances() {
        WasiGuest guest = guest();
        int time = guest.alloc(8);

        assertThat(guest.call("clock_time_get", 0, 1L, time)).isEqualTo(ESUCCESS);
        assertThat(guest.u64(time)).isEqualTo(Sandbox.NOW.getEpochSecond() * 1_000_000_000L + 123_456_789);
        guest.call("clock_time_get", 1, 1L, time);
        long first = guest.u64(time);
        guest.call("clock_time_get", 1, 1L, time);
        assertThat(guest.u64(time)).isGreaterThanOrEqualTo(first).isNotNegative();
        assertThat(guest.call("clock_time_get", 9, 1L, time)).isEqualTo(Preview1.EINVAL);
    }

    @Test
    void randomGetFillsTheBuffer() {
        WasiGuest guest = guest();
        int buffer = guest.alloc(64);

        assertThat(guest.call("random_get", buffer, 64)).isEqualTo(ESUCCESS);

        assertThat(guest.memory().readBytes(buffer, 64)).isNotEqualTo(new byte[64]);
    }

    @Test
    void pollingAndSocketsAreNotOffered() {
        WasiGuest guest = guest();

        assertThat(guest.call("poll_oneoff", 0, 0, 0, guest.alloc(4))).isEqualTo(ENOSYS);
        assertThat(guest.call("sock_accept", 3, 0, guest.alloc(4))).isEqualTo(ENOSYS);
        assertThat(guest.call("sched_yield")).isEqualTo(ESUCCESS);
    }

    @Test
    void procExitThrowsWasiExitWithTheCode() {
        WasiGuest guest = guest();

        WasiExit exit = catchThrowableOfType(WasiExit.class, () -> guest.call("proc_exit", 3));

        assertThat(exit.code()).isEqualTo(3);
        assertThat(exit).hasMessage("the plugin called proc_exit(3)");
    }

    @Test
    void badPointersGiveEfaultAndTheInstanceKeepsWorking() {
        WasiGuest guest = guest();
        int end = 2 * 65536;
        int written = guest.alloc(4);
        int message = guest.string("still here\n");

        assertThat(guest.call("fd_write", 1, -8, 1, written)).isEqualTo(EFAULT);
        assertThat(guest.call("fd_write", 1, end - 4, 1, written)).isEqualTo(EFAULT);
        assertThat(guest.call("fd_write", 1, guest.iovec(end - 2, 4), 1, written))
                .isEqualTo(EFAULT);
        assertThat(guest.call("fd_write", 1, guest.iovec(message, -1), 1, written))
                .isEqualTo(EFAULT);
        assertThat(guest.call("fd_write", 1, guest.iovec(message, 11), 1, -1)).isEqualTo(EFAULT);
        assertThat(guest.call("environ_sizes_get", end, written)).isEqualTo(EFAULT);
        assertThat(guest.call("clock_time_get", 0, 1L, end - 7)).isEqualTo(EFAULT);
        assertThat(guest.call("random_get", end - 8, 9)).isEqualTo(EFAULT);
        assertThat(guest.call("args_get", Integer.MIN_VALUE, 0)).isEqualTo(EFAULT);
        assertThat(guest.call("path_open", 3, 0, -1, 5, 0, 0L, 0L, 0, written)).isEqualTo(EBADF);
        assertThat(sandbox.stdout).isEmpty();

        assertThat(guest.call("fd_write", 1, guest.iovec(message, 11), 1, written))
                .isEqualTo(ESUCCESS);
        assertThat(guest.u32(written)).isEqualTo(11);
        assertThat(sandbox.stdout).containsExactly("still here");
    }
}
