package dev.pincer.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed, checked and compiled module, shared by every instance of every plugin that loads the
 * same bytes.
 *
 * @param digest the SHA-256 of the module's bytes, hex
 * @param module the parsed module
 * @param machines makes the compiled machine of each new instance
 * @param extismImports the {@code extism:host/env} functions the module imports
 * @param wasi whether it imports {@code wasi_snapshot_preview1} functions
 * @param initialPages the pages its memory starts with
 * @param tables the size of each of its tables as declared, read before any instance grew one
 */
record CompiledModule(
        String digest,
        WasmModule module,
        Function<Instance, Machine> machines,
        Set<String> extismImports,
        boolean wasi,
        int initialPages,
        List<CompiledModule.TableSize> tables) {

    CompiledModule {
        tables = List.copyOf(tables);
    }

    /**
     * The size of one table as the module declares it.
     *
     * @param initial the entries it starts with
     * @param maximum the most entries it may grow to
     */
    record TableSize(long initial, long maximum) {}

    /** Returns how many entries its tables start with, all together. */
    long initialTableEntries() {
        return tables.stream().mapToLong(TableSize::initial).sum();
    }
}
