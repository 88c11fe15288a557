package dev.pincer.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.host.Invocation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugins built with the real Extism PDKs run through the host's invocation path. */
class ExamplePluginsTest {

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
    void theCPluginGreetsWithItsConfiguredGreetingAndCountsInAVar() {
        wasm = new WasmHost(dir);
        wasm.example("wasm-hello-c");
        wasm.start();

        Invocation first = wasm.call("c_greet", Map.of("name", "Ada"));
        Invocation second = wasm.call("c_greet", Map.of("name", "Zoë"));

        assertThat(WasmHost.text(first)).isEqualTo("Hello, Ada!");
        assertThat(WasmHost.text(second)).isEqualTo("Hello, Zoë!");
        assertThat(wasm.host.reports()).isEmpty();
    }

    @Test
    void anErrorTheCPluginSetsReachesTheCallerAsAnErrorResult() {
        wasm = new WasmHost(dir);
        wasm.example("wasm-hello-c");
        wasm.start();

        Invocation failed = wasm.call("c_fail", Map.of("reason", "because"));

        assertThat(failed.status()).isEqualTo(Invocation.Status.COMPLETED);
        assertThat(failed.result().isError()).isTrue();
        assertThat(WasmHost.text(failed)).isEqualTo("c plugin failed on purpose: because");
    }

    @Test
    void twoPluginsWithTheSameModuleShareOneCompilationUntilBothAreUnloaded() throws Exception {
        wasm = new WasmHost(dir);
        Path first = wasm.example("wasm-hello-c");
        Path second = wasm.plugin(
                "hello-c-again",
                java.nio.file.Files.readString(first.resolve("pincer-plugin.json"))
                        .replace("\"hello-c\"", "\"hello-c-again\"")
                        .replace("c_greet", "c2_greet")
                        .replace("c_fail", "c2_fail"),
                java.nio.file.Files.readAllBytes(first.resolve("plugin.wasm")));
        wasm.start();

        assertThat(second).isDirectory();
        assertThat(WasmHost.text(wasm.call("c2_greet", Map.of("name", "Bo")))).isEqualTo("Hello, Bo!");
        assertThat(wasm.runtime.compiledModules()).isEqualTo(1);
        wasm.host.deactivate("hello-c");
        assertThat(wasm.runtime.compiledModules()).isEqualTo(1);
        wasm.host.deactivate("hello-c-again");
        assertThat(wasm.runtime.compiledModules()).isZero();
    }

    @Test
    void aFailedCallsAuditRecordSaysHowItFailed() {
        wasm = new WasmHost(dir);
        Guests.Plugin trapper = Guests.Plugin.of("trapper", "boom");
        wasm.plugin(
                trapper.id(), trapper.manifest(), Guests.module("(func (export \"boom\") (result i32) unreachable)"));
        wasm.start();

        wasm.call(trapper.tool("boom"), Map.of("text", "x"));

        assertThat(wasm.audited(dev.pincer.core.audit.AuditEvent.Kind.TOOL))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("failed");
                    assertThat(e.reason()).startsWith("plugin 'trapper' trapped in 'boom': ");
                });
    }

    @Test
    void theAssemblyScriptPluginCountsVowelsKeepingARunningTotal() {
        wasm = new WasmHost(dir);
        wasm.example("wasm-hello-as");
        wasm.start(dev.pincer.core.permissions.ApprovalBook.EMPTY);

        assertThat(wasm.catalog.find("hello-as").orElseThrow().state().label()).isEqualTo("awaiting-approval");
    }
}
