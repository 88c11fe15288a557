package dev.pincer.core.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.ProcessAccess;
import dev.pincer.api.access.ProcessOptions;
import dev.pincer.api.access.ProcessResult;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.permissions.Grant;
import dev.pincer.core.permissions.Grant.FileRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process service, running real programs. */
class GuardedProcessesTest {

    @TempDir
    Path tmp;

    private final RecordingSink audit = new RecordingSink();

    private ProcessAccess processes(boolean shell, Set<String> env, List<FileRoot> roots) {
        GuardSettings settings =
                new GuardSettings(1000, 1000, 3, Duration.ofSeconds(5), 1000, Duration.ofSeconds(20), 1000, Set.of());
        Map<String, String> host = Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", "/home/host",
                "HOST_SECRET", "HOST-SECRET-VALUE",
                "API_TOKEN", "granted-token");
        Guards guards = new Guards(
                settings, audit, host, Clock.systemUTC(), AddressResolver.system(), new RecordingTransport());
        return guards.forPlugin("runner", new Grant(List.of(), roots, env, shell), tmp.resolve("data"))
                .processes();
    }

    private ProcessAccess shell() {
        return processes(true, Set.of("API_TOKEN"), List.of());
    }

    private static ProcessOptions options(Map<String, String> env, Duration timeout) {
        return new ProcessOptions(null, env, null, timeout);
    }

    @Test
    void refusesWithoutTheShellGrant() {
        ProcessAccess none = processes(false, Set.of(), List.of());
        assertThatThrownBy(() -> none.run(List.of("/bin/echo", "hi"), ProcessOptions.defaults()))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("plugin 'runner' may not run '/bin/echo': it was not granted shell; run `pincer plugins"
                        + " inspect runner`");
        AuditEvent event = audit.last();
        assertThat(event.kind()).isEqualTo(Kind.PROCESS);
        assertThat(event.action()).isEqualTo("run");
        assertThat(event.target()).isEqualTo("/bin/echo");
        assertThat(event.decision()).isEqualTo(Decision.DENIED);
        assertThat(event.reason()).contains("not granted shell");
    }

    @Test
    void passesArgumentsVerbatimWithoutAShell() throws Exception {
        Path x = tmp.resolve("x");
        Path y = tmp.resolve("y");
        Path z = tmp.resolve("z");
        List<String> command =
                List.of("/bin/echo", "; touch " + x, "$(touch " + y + ")", "`touch " + z + "`", "&&", "*");
        ProcessResult result = shell().run(command, ProcessOptions.defaults());
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutText()).isEqualTo("; touch " + x + " $(touch " + y + ") `touch " + z + "` && *\n");
        assertThat(x).doesNotExist();
        assertThat(y).doesNotExist();
        assertThat(z).doesNotExist();
        AuditEvent event = audit.last();
        assertThat(event.target()).isEqualTo("/bin/echo");
        assertThat(event.outcome()).isEqualTo("exit 0");
        assertThat(audit.everything()).as("arguments are not audited").doesNotContain("touch");
    }

    @Test
    void givesTheChildOnlyPathAndGrantedVariables() throws Exception {
        ProcessResult result = shell().run(List.of("/usr/bin/env"), options(Map.of("API_TOKEN", "passed"), null));
        List<String> lines = result.stdoutText().lines().sorted().toList();
        assertThat(lines)
                .containsExactly("API_TOKEN=passed", "PATH=" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        assertThat(result.stdoutText()).doesNotContain("HOME=").doesNotContain("HOST-SECRET-VALUE");
    }

    @Test
    void refusesToPassAVariableOutsideTheGrant() {
        assertThatThrownBy(() -> shell().run(List.of("/usr/bin/env"), options(Map.of("HOST_SECRET", "x"), null)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("environment variable(s) HOST_SECRET are outside its env grant");
        assertThat(audit.last().decision()).isEqualTo(Decision.DENIED);
    }

    @Test
    void killsTheProcessAndItsChildrenOnTimeout() throws Exception {
        long started = System.nanoTime();
        ProcessResult result = shell().run(
                        List.of("/bin/sh", "-c", "sleep 30 & echo $!; wait"),
                        options(Map.of(), Duration.ofMillis(800)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        long child = Long.parseLong(result.stdoutText().trim());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (alive(child) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(alive(child)).as("the background sleep was killed too").isFalse();
        assertThat(audit.last().outcome()).isEqualTo("timed out");
    }

    @Test
    void capsEachOutputStreamAndDrainsTheRest() throws Exception {
        ProcessResult result =
                shell().run(List.of("/usr/bin/head", "-c", "200000", "/dev/zero"), ProcessOptions.defaults());
        assertThat(result.exitCode())
                .as("the child was not blocked on a full pipe")
                .isZero();
        assertThat(result.stdout()).hasSize(1000);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void feedsInputAndRunsInTheDataFolderByDefault() throws Exception {
        ProcessAccess shell = shell();
        ProcessResult cat = shell.run(
                List.of("/bin/cat"),
                new ProcessOptions(null, Map.of(), "hello".getBytes(StandardCharsets.UTF_8), null));
        assertThat(cat.stdoutText()).isEqualTo("hello");
        ProcessResult pwd = shell.run(List.of("/bin/pwd"), ProcessOptions.defaults());
        assertThat(pwd.stdoutText().trim())
                .isEqualTo(tmp.resolve("data").toRealPath().toString());
    }

    @Test
    void runsOnlyInTheDataFolderOrUnderAGrantedRoot() throws Exception {
        Path granted = Files.createDirectories(tmp.resolve("work"));
        ProcessAccess shell = processes(true, Set.of(), List.of(new FileRoot(granted, Access.READ)));
        ProcessResult inRoot =
                shell.run(List.of("/bin/pwd"), new ProcessOptions(granted.toString(), Map.of(), null, null));
        assertThat(inRoot.stdoutText().trim()).isEqualTo(granted.toRealPath().toString());
        assertThatThrownBy(() -> shell.run(List.of("/bin/pwd"), new ProcessOptions("/etc", Map.of(), null, null)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("working folder /etc is outside the plugin's data folder");
        assertThatThrownBy(() -> shell.run(List.of("/bin/pwd"), new ProcessOptions("../..", Map.of(), null, null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void reportsAProgramThatCannotStart() {
        assertThatThrownBy(() ->
                        shell().run(List.of(tmp.resolve("no-such-program").toString()), ProcessOptions.defaults()))
                .isInstanceOf(IOException.class);
        assertThat(audit.last().outcome()).isEqualTo("failed to start");
    }

    /** Whether {@code pid} runs; a zombie nobody reaps (PID 1 in a container may not) counts as dead. */
    private static boolean alive(long pid) throws IOException {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return false;
            }
            String text = Files.readString(stat);
            String state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        }
        return false;
    }
}
