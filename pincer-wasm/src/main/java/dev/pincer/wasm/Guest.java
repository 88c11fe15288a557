package dev.pincer.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import dev.pincer.wasm.wasi.GuardedWasi;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a plugin's module with its own Extism kernel (and WASI state, when it uses WASI).
 * A guest serves one call at a time; after a clean call it is {@link #reset()} and pooled, after a
 * trap, limit or interrupt it is thrown away. Not thread-safe.
 */
final class Guest {

    private final Instance instance;
    private final Kernel kernel;
    private final GuardedWasi wasi;
    private final int maxPages;
    private final Map<String, ExportFunction> exports = new HashMap<>();

    private Guest(Instance instance, Kernel kernel, GuardedWasi wasi, int maxPages) {
        this.instance = instance;
        this.kernel = kernel;
        this.wasi = wasi;
        this.maxPages = maxPages;
    }

    /**
     * Instantiates {@code module} for {@code env}'s plugin: links the Extism functions (and WASI),
     * caps its memory and tables, runs its start function and, for WASI reactors, {@code
     * _initialize}.
     */
    static Guest create(CompiledModule module, GuestEnv env) {
        Kernel kernel = new Kernel(env.limits.hostMemoryBytes());
        List<com.dylibso.chicory.runtime.ImportFunction> functions =
                new ArrayList<>(ExtismImports.functions(kernel, env, module.extismImports()));
        GuardedWasi wasi = null;
        if (module.wasi()) {
            wasi = new GuardedWasi(
                    env.files,
                    env.env,
                    line -> env.log(Level.INFO, line),
                    line -> env.log(Level.WARNING, line),
                    Clock.systemUTC());
            functions.addAll(wasi.functions());
        }
        int maxPages = env.limits.memoryPages();
        // A WASI command's _start is an ordinary export to Extism, never run on instantiation.
        var builder = Instance.builder(module.module())
                .withStart(false)
                .withMachineFactory(module.machines())
                .withTableFactory(tables(module, maxPages))
                // Chicory's array-backed memory is the faster one on OpenJDK.
                .withMemoryFactory(com.dylibso.chicory.runtime.ByteArrayMemory::new)
                .withImportValues(
                        ImportValues.builder().withFunctions(functions).build());
        var memory = module.module().memorySection().filter(s -> s.memoryCount() > 0);
        if (memory.isPresent()) {
            MemoryLimits declared = memory.get().getMemory(0).limits();
            maxPages = Math.min(declared.maximumPages(), maxPages);
            builder.withMemoryLimits(new MemoryLimits(declared.initialPages(), maxPages));
        }
        Instance instance = builder.build();
        Guest guest = new Guest(instance, kernel, wasi, maxPages);
        if (instance.exports() != null && hasExport(module, "_initialize")) {
            instance.export("_initialize").apply();
            guest.reset();
        }
        return guest;
    }

    /**
     * Returns a factory that makes each table from the size the module declared, not from the
     * module's shared {@link Table}, whose limits Chicory grows in place: a table one instance grew
     * would otherwise start that big in every later instance of the module, in every plugin that
     * loads it. Growth is capped so that all tables together stay within {@link
     * WasmLimits#tableEntries}; {@code table.grow} past it fails with -1, as at any maximum.
     */
    private static TableFactory tables(CompiledModule module, int pages) {
        var section = module.module().tableSection();
        Map<Table, CompiledModule.TableSize> sizes = new IdentityHashMap<>();
        for (int i = 0; i < section.tableCount(); i++) {
            sizes.put(section.getTable(i), module.tables().get(i));
        }
        long spare = Math.max(0, WasmLimits.tableEntries(pages) - module.initialTableEntries())
                / Math.max(1, section.tableCount());
        return (table, init) -> {
            CompiledModule.TableSize size = sizes.get(table);
            if (size == null) {
                throw new IllegalStateException("a table that is not in the module's table section: " + table);
            }
            TableLimits limits = new TableLimits(size.initial(), Math.min(size.maximum(), size.initial() + spare));
            return new TableInstance(new Table(table.elementType(), limits, table.initialize()), init);
        };
    }

    private static boolean hasExport(CompiledModule module, String name) {
        var exports = module.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code export} with {@code input}; returns its return code. */
    int call(String export, byte[] input) {
        kernel.input(input);
        long[] result = exports.computeIfAbsent(export, instance::export).apply();
        return result == null || result.length == 0 ? 0 : (int) result[0];
    }

    Kernel kernel() {
        return kernel;
    }

    /** Returns whether the guest's memory has reached its limit, which makes a trap a memory-limit stop. */
    boolean memoryFull() {
        return instance.memory() != null && instance.memory().pages() >= maxPages;
    }

    int maxPages() {
        return maxPages;
    }

    /** Clears the kernel and WASI state between calls, as the Extism ABI requires. */
    void reset() {
        kernel.reset();
        if (wasi != null) {
            wasi.reset();
        }
    }
}
