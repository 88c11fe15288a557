package dev.pincer.wasm;

import dev.pincer.core.config.SandboxSettings;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.Provides;
import dev.pincer.core.manifest.RuntimeSpec;
import dev.pincer.core.manifest.RuntimeType;
import dev.pincer.core.runtime.LoadRequest;
import dev.pincer.core.runtime.LoadedCode;
import dev.pincer.core.runtime.PluginRuntime;
import java.util.List;
import java.util.Objects;

/**
 * The {@code wasm} runtime: runs Extism plugins on Chicory, pure Java, inside hard limits.
 *
 * <p>Loading reads the manifest's {@code runtime.module} (a regular file inside the plugin folder,
 * no larger than {@code [sandbox] max_module}), checks its imports against the Extism functions (and
 * WASI, when {@code runtime.wasi} is set), checks that every declared tool's export exists with the
 * Extism type, and compiles it to JVM bytecode once per distinct module. Each plugin then runs under
 * its manifest's {@code resources}, clamped to the host's {@code [sandbox]} maximums: linear memory
 * pages, host-side memory, output size, log rate, CPU time per call (sampled by a watchdog, since
 * Chicory has no fuel), and concurrency and wall-clock time (enforced by the host's invocation path,
 * whose interrupt stops the guest). Host functions reach the outside only through the plugin's
 * guarded services. Thread-safe.
 *
 * @since 0.1.0
 */
public final class WasmRuntime implements PluginRuntime, AutoCloseable {

    private final SandboxSettings sandbox;
    private final ModuleLoader modules = new ModuleLoader();
    private final CpuWatchdog watchdog = new CpuWatchdog();

    /** Creates a runtime whose plugins are held to {@code sandbox}. */
    public WasmRuntime(SandboxSettings sandbox) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    @Override
    public RuntimeType type() {
        return RuntimeType.WASM;
    }

    @Override
    public LoadedCode load(LoadRequest request) {
        PluginManifest manifest = request.manifest();
        if (!(manifest.runtime() instanceof RuntimeSpec.Wasm spec)) {
            throw new IllegalArgumentException("plugin '" + manifest.id() + "' has a "
                    + manifest.runtime().type().label() + " runtime, not wasm");
        }
        if (manifest.resources().cpu() != null && !watchdog.supported()) {
            throw new WasmLoadException(
                    "wasm.cpu-unsupported",
                    manifest.id(),
                    request.folder(),
                    "plugin '" + manifest.id() + "' asks for a CPU budget, but this JVM cannot measure"
                            + " per-thread CPU time, so the budget cannot be enforced",
                    "run Pincer on a JVM with thread CPU time (HotSpot on Linux, macOS or Windows)");
        }
        WasmLimits limits = WasmLimits.of(manifest.resources(), sandbox);
        List<String> tools =
                manifest.provides().tools().stream().map(Provides.Tool::name).toList();
        CompiledModule module = modules.load(
                manifest.id(), request.folder(), spec, tools, sandbox.maxModuleBytes(), limits.memoryPages());
        WasmPlugin plugin = new WasmPlugin(manifest, module, limits, watchdog, request.audit(), request.clock());
        // Unloading lets go of the compiled module.
        return LoadedCode.of(manifest.id(), plugin, WasmRuntime.class.getClassLoader(), () -> {
            plugin.deactivate();
            modules.release(module);
        });
    }

    /** Returns how many distinct modules are compiled and in use. */
    public int compiledModules() {
        return modules.cached();
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
