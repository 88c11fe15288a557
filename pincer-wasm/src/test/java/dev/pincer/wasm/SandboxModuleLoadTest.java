package dev.pincer.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.lifecycle.PluginState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules that must not load: too large, malformed, asking for too much memory, importing what
 * the host does not provide (or with the wrong type), lacking a tool's export, or using WASI
 * undeclared. Each fails only its own plugin, with a diagnostic that names what was wrong, and the
 * other plugins in the host run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxModuleLoadTest {

    private static final Guests.Plugin BYSTANDER = Guests.Plugin.of("bystander", "echo");

    private WasmHost wasm;

    @BeforeAll
    void startHost(@TempDir Path dir) throws IOException {
        wasm = new WasmHost(dir);
        byte[] real = Files.readAllBytes(Path.of("..", "examples", "wasm-hello-c", "plugin.wasm"));
        byte[] noise = new byte[200];
        new Random(5).nextBytes(noise);
        install("noise", "run", noise);
        install("truncated", "run", Arrays.copyOf(real, real.length / 2));
        install("greedy", "run", wat("(memory 17) (func (export \"run\") (result i32) (i32.const 0))"));
        install(
                "tabled",
                "run",
                wat("(table 70000 funcref) (table 70000 funcref)"
                        + " (func (export \"run\") (result i32) (i32.const 0))"));
        install(
                "thief",
                "run",
                wat("(import \"extism:host/user\" \"steal\" (func)) (import \"env\" \"foo\" (func (param i32)))"
                        + " (func (export \"run\") (result i32) (i32.const 0))"));
        install(
                "inventor",
                "run",
                wat("(import \"extism:host/env\" \"steal\" (func (param i64) (result i64)))"
                        + " (func (export \"run\") (result i32) (i32.const 0))"));
        install(
                "mistyped",
                "run",
                wat("(import \"extism:host/env\" \"alloc\" (func (param i32) (result i32)))"
                        + " (func (export \"run\") (result i32) (i32.const 0))"));
        install(
                "sharer",
                "run",
                wat("(import \"extism:host/env\" \"memory\" (memory 1))"
                        + " (func (export \"run\") (result i32) (i32.const 0))"));
        install("exportless", "run", wat("(func (export \"other\") (result i32) (i32.const 0))"));
        install("shapeless", "run", wat("(func (export \"run\") (param i32) (result i32) (i32.const 0))"));
        install(
                "posix",
                "run",
                wat("(import \"wasi_snapshot_preview1\" \"fd_write\" (func (param i32 i32 i32 i32) (result i32)))"
                        + " (func (export \"run\") (result i32) (i32.const 0))"));
        wasm.plugin(BYSTANDER.id(), BYSTANDER.manifest(), Guests.module());
        wasm.start();
    }

    @AfterAll
    void stopHost() {
        wasm.close();
    }

    @Test
    void randomBytesAreNotAModule() {
        assertFailed("noise", "plugin.wasm' is not a valid WebAssembly module: ", "magic header not detected");
    }

    @Test
    void aTruncatedModuleIsNotAModule() {
        assertFailed("truncated", "plugin.wasm' is not a valid WebAssembly module: ");
    }

    @Test
    void aModuleStartingWithMoreMemoryThanItsCapDoesNotLoad() {
        assertFailed(
                "greedy",
                "plugin.wasm' starts with 17 pages of memory (1088 KiB), over the plugin's limit of 16 pages");
    }

    @Test
    void aModuleWhoseTablesStartOverTheirShareOfTheMemoryLimitDoesNotLoad() {
        assertFailed(
                "tabled",
                "plugin.wasm' starts with tables of 140000 entries, over the plugin's limit of 131072 (one entry"
                        + " per 8 bytes of its memory limit)");
    }

    @Test
    void importsFromOtherModulesAreNamed() {
        assertFailed(
                "thief",
                "plugin.wasm' imports what this host does not provide: extism:host/user.steal (Pincer provides only"
                        + " extism:host/env and, with runtime.wasi, wasi_snapshot_preview1); env.foo (Pincer provides"
                        + " only extism:host/env");
    }

    @Test
    void anInventedExtismFunctionIsNamed() {
        assertFailed(
                "inventor",
                "imports what this host does not provide: extism:host/env.steal (no such Extism host function)");
    }

    @Test
    void anImportOfTheWrongTypeNamesBothTypes() {
        assertFailed(
                "mistyped",
                "imports what this host does not provide: extism:host/env.alloc with type (I32) -> (I32) (Pincer"
                        + " provides (I64) -> (I64))");
    }

    @Test
    void anImportedMemoryIsRefused() {
        assertFailed("sharer", "extism:host/env.memory (a memory; only functions can be imported)");
    }

    @Test
    void aToolWhoseExportIsMissingNamesWhatTheModuleExports() {
        assertFailed(
                "exportless",
                "tool 'exportless_run' calls export 'run', which module '",
                "does not export; it exports" + " [other]");
    }

    @Test
    void anExportOfTheWrongTypeIsRefused() {
        assertFailed(
                "shapeless",
                "export 'run' of module '",
                "has type (I32) -> (I32), but an Extism function takes nothing and returns an i32");
    }

    @Test
    void wasiWithoutRuntimeWasiSaysToSetIt() {
        assertFailed("posix", "imports wasi_snapshot_preview1 functions, but the manifest does not set runtime.wasi");
    }

    @Test
    void theOtherPluginsRun() {
        Invocation answer = wasm.call(BYSTANDER.tool("echo"), Map.of("text", "still here"));

        assertThat(WasmHost.text(answer)).isEqualTo("still here");
        assertThat(wasm.host.states()).containsEntry(BYSTANDER.id(), PluginState.ACTIVE);
    }

    @Test
    void aModuleOverTheHostsSizeLimitIsNotRead(@TempDir Path other) {
        byte[] small = Guests.module();
        SandboxSettings sandbox = new SandboxSettings(256L << 20, small.length, 16L << 20, 1000, Duration.ofMinutes(1));
        byte[] large = Guests.module("(memory 1) (data (i32.const 0) \"" + "x".repeat(small.length) + "\")");
        try (WasmHost host = new WasmHost(other, sandbox, GuardSettings.defaults(), Map.of())) {
            Guests.Plugin big = Guests.Plugin.of("big", "echo");
            host.plugin(big.id(), big.manifest(), large);
            host.plugin(BYSTANDER.id(), BYSTANDER.manifest(), small);

            host.start();

            assertThat(host.host.states()).containsEntry("big", PluginState.FAILED);
            assertThat(host.host.reports())
                    .filteredOn(d -> "big".equals(d.pluginId()))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.message())
                                .contains("plugin.wasm' is " + large.length + " bytes, over the host's limit of "
                                        + small.length + " bytes");
                        assertThat(d.hint()).contains("raise [sandbox] max_module in config.toml");
                    });
            Invocation answer = host.call(BYSTANDER.tool("echo"), Map.of("text", "still here"));
            assertThat(WasmHost.text(answer)).isEqualTo("still here");
        }
    }

    private void install(String id, String export, byte[] module) {
        Guests.Plugin plugin = Guests.Plugin.of(id, export).resources("{\"memory\": \"1MiB\"}");
        wasm.plugin(id, plugin.manifest(), module);
    }

    private static byte[] wat(String body) {
        return Wat2Wasm.parse("(module " + body + ")");
    }

    private void assertFailed(String pluginId, String... fragments) {
        assertThat(wasm.host.states()).containsEntry(pluginId, PluginState.FAILED);
        assertThat(wasm.host.reports())
                .as("one report per failed plugin, with the loader's own hint")
                .filteredOn(d -> pluginId.equals(d.pluginId()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.code()).isEqualTo("host.activation-failed");
                    assertThat(d.message()).contains(fragments);
                    assertThat(d.hint()).doesNotContain("pincer plugins doctor");
                });
    }
}
