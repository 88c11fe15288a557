package dev.pincer.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.host.Invocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile guests against the sandbox's limits, each through the host's real invocation path: the
 * attack is stopped with a message a person can act on, it is audited, the attacked tool answers
 * a benign call afterwards (its broken instance was thrown away), and a well-behaved plugin in the
 * same host keeps answering.
 */
class SandboxAdversarialTest {

    private static final Guests.Plugin BYSTANDER = Guests.Plugin.of("bystander", "echo");

    @TempDir
    Path dir;

    private WasmHost wasm;

    @AfterEach
    void tearDown() {
        if (wasm != null) {
            wasm.close();
        }
    }

    @Test
    void anEndlessLoopIsInterruptedAtTheWallClockTimeoutAndFreesItsSlot() {
        Guests.Plugin spin =
                Guests.Plugin.of("spin", "spin", "echo").resources("{\"timeout\": \"500ms\", \"concurrency\": 1}");
        start(spin, "(func (export \"spin\") (result i32) (loop $forever (br $forever)) (i32.const 0))");

        Invocation stuck = wasm.call(spin.tool("spin"), Map.of("text", ""));

        assertThat(stuck.status()).isEqualTo(Invocation.Status.TIMED_OUT);
        assertThat(stuck.message()).isEqualTo("plugin 'spin' did not finish tool within 500 ms; it was interrupted");
        assertThat(toolOutcome(spin.tool("spin"))).isEqualTo("timed-out");
        // One call slot: the benign call gets it only because the interrupt really stopped the loop.
        assertAnswers(spin.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void anEndlessLoopIsStoppedByItsCpuBudgetBeforeTheTimeout() {
        Guests.Plugin burn =
                Guests.Plugin.of("burn", "spin", "echo").resources("{\"timeout\": \"10s\", \"cpu\": \"200ms\"}");
        start(burn, "(func (export \"spin\") (result i32) (loop $forever (br $forever)) (i32.const 0))");

        Invocation stopped = wasm.call(burn.tool("spin"), Map.of("text", ""));

        assertThat(stopped.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(stopped.message())
                .contains("plugin 'burn' was stopped in 'spin': it used more than its CPU budget of 200 ms");
        assertThat(stopped.duration()).isLessThan(Duration.ofSeconds(5));
        assertThat(limits("burn", "cpu")).hasSize(1);
        assertThat(toolOutcome(burn.tool("spin"))).isEqualTo("failed");
        assertAnswers(burn.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void aStartFunctionThatSpinsInAFreshInstanceIsHeldToTheCpuBudget() {
        // Vars outlive instances: once "a" is set, every new instance's start function spins.
        Guests.Plugin boot =
                Guests.Plugin.of("boot", "arm", "echo").resources("{\"timeout\": \"10s\", \"cpu\": \"200ms\"}");
        start(
                boot,
                """
                (func $key (result i64)
                  (local $at i64)
                  (local.set $at (call $alloc (i64.const 1)))
                  (call $store_u8 (local.get $at) (i32.const 97))
                  (local.get $at))
                (func $boot (if (i64.ne (call $var_get (call $key)) (i64.const 0)) (then (loop $forever (br $forever)))))
                (start $boot)
                (func (export "arm") (result i32) (call $var_set (call $key) (call $key)) unreachable)
                """);

        wasm.call(boot.tool("arm"), Map.of("text", ""));
        Invocation spun = wasm.call(boot.tool("echo"), Map.of("text", "hello"));

        assertThat(spun.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(spun.message())
                .contains("plugin 'boot' was stopped in 'echo': it used more than its CPU budget of 200 ms");
        assertThat(spun.duration()).isLessThan(Duration.ofSeconds(5));
        assertThat(limits("boot", "cpu")).hasSize(1);
        assertBystanderAnswers();
    }

    @Test
    void runawayRecursionEndsWithACallStackError() {
        Guests.Plugin deep = Guests.Plugin.of("deep", "dive", "echo");
        start(
                deep,
                """
                (func $down (param $n i64) (result i64)
                  (i64.add (call $down (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))
                (func (export "dive") (result i32) (drop (call $down (i64.const 0))) (i32.const 0))
                """);

        Invocation crashed = wasm.call(deep.tool("dive"), Map.of("text", ""));

        assertThat(crashed.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(crashed.message()).contains("plugin 'deep' exhausted the call stack in 'dive' (runaway recursion)");
        assertThat(toolOutcome(deep.tool("dive"))).isEqualTo("failed");
        assertAnswers(deep.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void growingLinearMemoryPastTheCapStopsAtTheCapWithAMemoryLimit() {
        Guests.Plugin hog = Guests.Plugin.of("hog", "grow", "echo").resources("{\"memory\": \"1MiB\"}");
        start(
                hog,
                """
                (memory 1)
                (func (export "grow") (result i32)
                  (loop $more (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
                  unreachable)
                """);

        Invocation stopped = wasm.call(hog.tool("grow"), Map.of("text", ""));

        assertThat(stopped.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(stopped.message())
                .contains("plugin 'hog' was stopped in 'grow': it trapped with its memory at its limit of 16 pages"
                        + " (1024 KiB)");
        assertThat(limits("hog", "memory")).hasSize(1);
        assertAnswers(hog.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void aTableOneInstanceGrewStartsAtItsDeclaredSizeInTheNext() {
        // Chicory grows a table's limits in the module shared by every instance of every plugin
        // that loads the same bytes; each instance must start from the size the module declares.
        Guests.Plugin grower = Guests.Plugin.of("grower", "grow", "size");
        start(
                grower,
                """
                (table 1 funcref)
                (func (export "grow") (result i32) (drop (table.grow (ref.null func) (i32.const 1000))) unreachable)
                (func (export "size") (result i32)
                  (if (i32.ne (table.size) (i32.const 1)) (then (return (i32.const 9))))
                  (call $output_set (call $input_offset) (call $input_length))
                  (i32.const 0))
                """);

        Invocation grown = wasm.call(grower.tool("grow"), Map.of("text", ""));
        Invocation fresh = wasm.call(grower.tool("size"), Map.of("text", "one entry"));

        assertThat(grown.message()).contains("plugin 'grower' trapped in 'grow'");
        assertThat(WasmHost.text(fresh)).isEqualTo("one entry");
    }

    @Test
    void tablesCannotGrowPastTheirShareOfTheMemoryLimit() {
        Guests.Plugin tabler = Guests.Plugin.of("tabler", "grow").resources("{\"memory\": \"1MiB\"}");
        start(
                tabler,
                """
                (table 1 funcref)
                (func (export "grow") (result i32)
                  ;; 1 MiB of memory allows 131072 entries in all
                  (if (i32.ne (table.grow (ref.null func) (i32.const 131072)) (i32.const -1))
                    (then (return (i32.const 9))))
                  (if (i32.eq (table.grow (ref.null func) (i32.const 131071)) (i32.const -1))
                    (then (return (i32.const 8))))
                  (call $output_set (call $input_offset) (call $input_length))
                  (i32.const 0))
                """);

        Invocation grown = wasm.call(tabler.tool("grow"), Map.of("text", "refused, then allowed"));

        assertThat(WasmHost.text(grown)).isEqualTo("refused, then allowed");
        assertBystanderAnswers();
    }

    @Test
    void outputOverTheOutputLimitIsStoppedAndAuditedOnce() {
        Guests.Plugin loud = Guests.Plugin.of("loud", "shout", "echo").resources("{\"output\": \"1KiB\"}");
        start(
                loud,
                """
                (func (export "shout") (result i32)
                  (call $output_set (call $filled (i64.const 2048)) (i64.const 2048))
                  (i32.const 0))
                """);

        Invocation stopped = wasm.call(loud.tool("shout"), Map.of("text", ""));

        assertThat(stopped.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(stopped.message())
                .contains("plugin 'loud' was stopped in 'shout': the plugin returned 2048 bytes, over its output"
                        + " limit of 1024 bytes");
        assertThat(limits("loud", "output")).hasSize(1);
        assertAnswers(loud.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void anErrorMessageOverTheOutputLimitIsStoppedLikeOutput() {
        Guests.Plugin loud = Guests.Plugin.of("loud", "complain", "echo").resources("{\"output\": \"1KiB\"}");
        start(
                loud,
                """
                (func (export "complain") (result i32)
                  (call $error_set (call $filled (i64.const 4096)))
                  (i32.const 1))
                """);

        Invocation stopped = wasm.call(loud.tool("complain"), Map.of("text", ""));

        assertThat(stopped.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(stopped.message())
                .contains("plugin 'loud' was stopped in 'complain': the plugin set an error message of 4096 bytes,"
                        + " over its output limit of 1024 bytes")
                .doesNotContain("xxxx");
        assertThat(limits("loud", "output")).hasSize(1);
        assertAnswers(loud.tool("echo"));
    }

    @Test
    void aTrapQuotesOnlyTheStartOfAHugeErrorMessage() {
        Guests.Plugin loud = Guests.Plugin.of("loud", "rant", "echo");
        start(
                loud,
                "(func (export \"rant\") (result i32) (call $error_set (call $filled (i64.const 100000))) unreachable)");

        Invocation crashed = wasm.call(loud.tool("rant"), Map.of("text", ""));

        assertThat(crashed.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(crashed.message())
                .endsWith("trapped in 'rant': Trapped on unreachable instruction (the plugin said: " + "x".repeat(1024)
                        + " …[cut: 100000 bytes in all])");
        assertThat(wasm.host.reports()).allSatisfy(d -> assertThat(d.message()).hasSizeLessThan(2048));
        assertAnswers(loud.tool("echo"));
    }

    @Test
    void varsOverTheirLimitAreStoppedAndAuditedOnce() {
        Guests.Plugin hoard = Guests.Plugin.of("hoard", "keep", "echo");
        start(
                hoard,
                """
                (func (export "keep") (result i32)
                  (call $var_set (call $input_offset) (call $filled (i64.const 2097152)))
                  (i32.const 0))
                """);

        Invocation stopped = wasm.call(hoard.tool("keep"), Map.of("text", "big"));

        assertThat(stopped.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(stopped.message())
                .contains("plugin 'hoard' was stopped in 'keep': setting var 'big' would make the plugin's vars"
                        + " 2097155 bytes, over its limit of 1048576 bytes");
        assertThat(limits("hoard", "vars")).hasSize(1);
        assertAnswers(hoard.tool("echo"));
    }

    @Test
    void aHugeHostAllocationIsStoppedAtTheMemoryLimit() {
        Guests.Plugin hoard =
                Guests.Plugin.of("hoard", "tebibyte", "everything", "echo").resources("{\"memory\": \"16MiB\"}");
        start(
                hoard,
                """
                (func (export "tebibyte") (result i32) (drop (call $alloc (i64.const 1099511627776))) (i32.const 0))
                (func (export "everything") (result i32) (drop (call $alloc (i64.const -1))) (i32.const 0))
                """);

        Invocation tebibyte = wasm.call(hoard.tool("tebibyte"), Map.of("text", "ab"));
        Invocation everything = wasm.call(hoard.tool("everything"), Map.of("text", ""));

        assertThat(tebibyte.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(tebibyte.message())
                .contains("plugin 'hoard' was stopped in 'tebibyte': the plugin asked for 1099511627776 bytes of"
                        + " host memory on top of 2, over its limit of 16777216 bytes");
        assertThat(everything.message())
                .contains("the plugin asked for 18446744073709551615 bytes of host memory on top of 0, over its"
                        + " limit of 16777216 bytes");
        assertThat(limits("hoard", "memory")).hasSize(2);
        assertAnswers(hoard.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void aLogFloodCompletesWithMostLinesDroppedAndAudited() {
        Guests.Plugin chatty = Guests.Plugin.of("chatty", "chatter").resources("{\"logs\": 5}");
        Logger pluginLog = Logger.getLogger("pincer.plugin.chatty");
        List<LogRecord> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord line) {
                lines.add(line);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        pluginLog.addHandler(capture);
        pluginLog.setUseParentHandlers(false);
        try {
            start(
                    chatty,
                    """
                    (func (export "chatter") (result i32)
                      (local $i i32)
                      (block $done
                        (loop $again
                          (br_if $done (i32.ge_u (local.get $i) (i32.const 100000)))
                          (call $log_info (call $input_offset))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br $again)))
                      (call $output_set (call $input_offset) (call $input_length))
                      (i32.const 0))
                    """);

            Invocation flood = wasm.call(chatty.tool("chatter"), Map.of("text", "spam"));

            assertThat(flood.status()).isEqualTo(Invocation.Status.COMPLETED);
            assertThat(WasmHost.text(flood)).isEqualTo("spam");
            // A burst of 5 lines, then 5 a second for as long as the flood lasted, and a few "dropped" notes.
            long seconds = flood.duration().toSeconds() + 1;
            assertThat(lines).hasSizeBetween(5, (int) (5 + 10 * seconds));
            assertThat(lines.get(0).getMessage()).isEqualTo("[chatty] spam");
            assertThat(limits("chatty", "logs"))
                    .hasSizeBetween(1, 11)
                    .first()
                    .extracting(AuditEvent::reason)
                    .isEqualTo("log lines over 5 a second are dropped (1 so far)");
            assertThat(toolOutcome(chatty.tool("chatter"))).isEqualTo("completed");
            assertBystanderAnswers();
        } finally {
            pluginLog.removeHandler(capture);
            pluginLog.setUseParentHandlers(true);
        }
    }

    @Test
    void aTrapAfterSettingAnErrorCarriesThePluginsOwnWordsAndTheNextCallWorks() {
        Guests.Plugin moody = Guests.Plugin.of("moody", "blurt", "echo");
        start(moody, "(func (export \"blurt\") (result i32) (call $error_set (call $input_offset)) unreachable)");

        Invocation crashed = wasm.call(moody.tool("blurt"), Map.of("text", "the flux capacitor is empty"));

        assertThat(crashed.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(crashed.message())
                .contains("plugin 'moody' trapped in 'blurt': Trapped on unreachable instruction"
                        + " (the plugin said: the flux capacitor is empty)");
        assertThat(toolOutcome(moody.tool("blurt"))).isEqualTo("failed");
        assertAnswers(moody.tool("echo"));
        assertBystanderAnswers();
    }

    @Test
    void callsOverTheConcurrencyLimitWaitForASlotAndEachIsStopped() throws Exception {
        Guests.Plugin crowd = Guests.Plugin.of("crowd", "spin", "echo")
                .resources("{\"concurrency\": 2, \"timeout\": \"10s\", \"cpu\": \"150ms\"}");
        start(crowd, "(func (export \"spin\") (result i32) (loop $forever (br $forever)) (i32.const 0))");

        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Invocation> ended = new ArrayList<>();
        try {
            List<Future<Invocation>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(callers.submit(() -> wasm.call(crowd.tool("spin"), Map.of("text", ""))));
            }
            for (Future<Invocation> call : calls) {
                ended.add(call.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(ended)
                .allSatisfy(call -> assertThat(call.message()).contains("its CPU budget of 150 ms"))
                .extracting(Invocation::status)
                .containsOnly(Invocation.Status.FAILED);
        assertThat(limits("crowd", "cpu")).hasSize(4);
        assertAnswers(crowd.tool("echo"));
        assertBystanderAnswers();
    }

    /** Starts a host with {@code plugin} (its module made of {@code functions}) and the bystander. */
    private void start(Guests.Plugin plugin, String... functions) {
        wasm = new WasmHost(dir);
        wasm.plugin(plugin.id(), plugin.manifest(), Guests.module(functions));
        wasm.plugin(BYSTANDER.id(), BYSTANDER.manifest(), Guests.module());
        wasm.start();
        assertThat(wasm.host.reports()).isEmpty();
    }

    private void assertAnswers(String tool) {
        Invocation answer = wasm.call(tool, Map.of("text", "still here"));
        assertThat(WasmHost.text(answer)).isEqualTo("still here");
    }

    private void assertBystanderAnswers() {
        assertAnswers(BYSTANDER.tool("echo"));
    }

    /** Returns the outcome of the first audited call of {@code tool}. */
    private String toolOutcome(String tool) {
        return wasm.audited(AuditEvent.Kind.TOOL).stream()
                .filter(e -> e.action().equals(tool))
                .findFirst()
                .orElseThrow()
                .outcome();
    }

    private List<AuditEvent> limits(String pluginId, String limit) {
        return wasm.audited(AuditEvent.Kind.LIMIT).stream()
                .filter(e -> pluginId.equals(e.pluginId()) && e.action().equals(limit))
                .toList();
    }
}
