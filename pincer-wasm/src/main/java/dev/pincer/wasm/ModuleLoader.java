package dev.pincer.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.pincer.core.manifest.RuntimeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads, checks and compiles modules, once per distinct content.
 *
 * <p>The module file must be a regular file whose real path lies inside the plugin folder's real
 * path, no larger than the host's module limit (checked before and while reading, so a file that
 * grows cannot get past it). Its imports must all be Extism functions this host provides with
 * their exact types, or WASI functions when the manifest asks for WASI; memory, table and global
 * imports are refused. Its memory and tables must start within the plugin's memory limit. Each
 * tool's export must be a function taking nothing and returning an {@code i32}. Compiled modules
 * are cached by SHA-256, so reloading a plugin or loading a second plugin with the same module does
 * not compile again. Thread-safe.
 */
final class ModuleLoader {

    static final String WASI_MODULE = "wasi_snapshot_preview1";

    private final Map<String, Cached> cache = new java.util.HashMap<>();

    /** A compiled module and how many loaded plugins use it. */
    private static final class Cached {
        final CompiledModule module;
        int users;

        Cached(CompiledModule module) {
            this.module = module;
        }
    }

    /**
     * Returns the checked, compiled module for {@code spec} and {@code tools}.
     *
     * @param tools the manifest's tool names
     */
    CompiledModule load(
            String pluginId, Path folder, RuntimeSpec.Wasm spec, List<String> tools, long maxBytes, int maxPages) {
        Path file = folder.resolve(spec.module()).normalize();
        byte[] bytes = read(pluginId, folder, file, maxBytes);
        String digest = sha256(bytes);
        CompiledModule compiled = cachedModule(digest);
        if (compiled == null) {
            WasmModule module = parse(pluginId, file, bytes);
            compiled = compile(pluginId, file, module, digest);
        }
        check(pluginId, file, spec, tools, compiled, maxPages);
        return retain(compiled);
    }

    /** Lets go of one use of {@code module}; the last one drops it from the cache. */
    synchronized void release(CompiledModule module) {
        Cached cached = cache.get(module.digest());
        if (cached != null && --cached.users <= 0) {
            cache.remove(module.digest());
        }
    }

    /** Returns how many distinct modules are compiled and in use. */
    synchronized int cached() {
        return cache.size();
    }

    private synchronized CompiledModule cachedModule(String digest) {
        Cached cached = cache.get(digest);
        return cached == null ? null : cached.module;
    }

    private synchronized CompiledModule retain(CompiledModule compiled) {
        Cached cached = cache.computeIfAbsent(compiled.digest(), d -> new Cached(compiled));
        cached.users++;
        return cached.module;
    }

    private static byte[] read(String pluginId, Path folder, Path file, long maxBytes) {
        try {
            Path realFolder = folder.toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(realFolder)) {
                throw new WasmLoadException(
                        "wasm.module-outside",
                        pluginId,
                        file,
                        "module '" + file + "' leads outside the plugin folder (to " + real + ")",
                        "put the .wasm file itself in the plugin folder; symbolic links out of it are refused");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new WasmLoadException(
                        "wasm.module-missing",
                        pluginId,
                        file,
                        "module '" + file + "' is not a regular file",
                        "point runtime.module at the plugin's .wasm file");
            }
            long size = Files.size(real);
            if (size > maxBytes) {
                throw tooLarge(pluginId, file, size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(real)) {
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > maxBytes) {
                    throw tooLarge(pluginId, file, bytes.length, maxBytes);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new WasmLoadException(
                    "wasm.module-missing",
                    pluginId,
                    file,
                    "module '" + file + "' does not exist",
                    "build the plugin, or fix runtime.module in its manifest");
        } catch (IOException e) {
            throw new WasmLoadException(
                    "wasm.module-unreadable",
                    pluginId,
                    file,
                    "module '" + file + "' cannot be read: " + e.getMessage(),
                    "check the file's permissions");
        }
    }

    private static WasmLoadException tooLarge(String pluginId, Path file, long size, long maxBytes) {
        return new WasmLoadException(
                "wasm.module-too-large",
                pluginId,
                file,
                "module '" + file + "' is " + size + " bytes, over the host's limit of " + maxBytes + " bytes",
                "shrink the module (build with optimisation), or raise [sandbox] max_module in config.toml");
    }

    private static WasmModule parse(String pluginId, Path file, byte[] bytes) {
        try {
            return Parser.parse(bytes);
        } catch (RuntimeException e) {
            throw new WasmLoadException(
                    "wasm.malformed",
                    pluginId,
                    file,
                    "module '" + file + "' is not a valid WebAssembly module: " + e.getMessage(),
                    "rebuild it; a .wasm file starts with the bytes \\0asm");
        }
    }

    private static CompiledModule compile(String pluginId, Path file, WasmModule module, String digest) {
        Set<String> extism = new TreeSet<>();
        boolean wasi = false;
        List<String> refused = new ArrayList<>();
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import imported = imports.getImport(i);
            String name = imported.module() + "." + imported.name();
            if (!(imported instanceof FunctionImport function)) {
                refused.add(name + " (a " + imported.importType().name().toLowerCase(java.util.Locale.ROOT)
                        + "; only functions can be imported)");
                continue;
            }
            FunctionType type = module.typeSection().getType(function.typeIndex());
            if (imported.module().equals(ExtismImports.MODULE)) {
                FunctionType provided = ExtismImports.TYPES.get(imported.name());
                if (provided == null) {
                    refused.add(name + " (no such Extism host function)");
                } else if (!provided.equals(type)) {
                    refused.add(name + " with type " + type + " (Pincer provides " + provided + ")");
                } else {
                    extism.add(imported.name());
                }
            } else if (imported.module().equals(WASI_MODULE)) {
                wasi = true;
            } else {
                refused.add(name + " (Pincer provides only " + ExtismImports.MODULE + " and, with runtime.wasi, "
                        + WASI_MODULE + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new WasmLoadException(
                    "wasm.unknown-import",
                    pluginId,
                    file,
                    "module '" + file + "' imports what this host does not provide: " + String.join("; ", refused),
                    "build the plugin with an Extism PDK and without host functions of its own");
        }
        int initialPages = module.memorySection()
                .filter(s -> s.memoryCount() > 0)
                .map(s -> s.getMemory(0).limits().initialPages())
                .orElse(0);
        List<CompiledModule.TableSize> tables = new ArrayList<>();
        var tableSection = module.tableSection();
        for (int i = 0; i < tableSection.tableCount(); i++) {
            var declared = tableSection.getTable(i).limits();
            tables.add(new CompiledModule.TableSize(declared.min(), declared.max()));
        }
        java.util.function.Function<com.dylibso.chicory.runtime.Instance, com.dylibso.chicory.runtime.Machine> machines;
        try {
            machines = MachineFactoryCompiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.SILENT)
                    .compile();
        } catch (RuntimeException e) {
            throw new WasmLoadException(
                    "wasm.invalid",
                    pluginId,
                    file,
                    "module '" + file + "' does not validate: " + e.getMessage(),
                    "rebuild it with a current toolchain; the module breaks WebAssembly's typing rules");
        }
        return new CompiledModule(digest, module, machines, Set.copyOf(extism), wasi, initialPages, tables);
    }

    private static void check(
            String pluginId,
            Path file,
            RuntimeSpec.Wasm spec,
            List<String> tools,
            CompiledModule compiled,
            int maxPages) {
        if (compiled.wasi() && !spec.wasi()) {
            throw new WasmLoadException(
                    "wasm.wasi-undeclared",
                    pluginId,
                    file,
                    "module '" + file + "' imports " + WASI_MODULE + " functions, but the manifest does not set"
                            + " runtime.wasi",
                    "set \"wasi\": true under runtime; files are then limited to the granted roots");
        }
        if (compiled.initialPages() > maxPages) {
            throw new WasmLoadException(
                    "wasm.memory-limit",
                    pluginId,
                    file,
                    "module '" + file + "' starts with " + compiled.initialPages() + " pages of memory ("
                            + (compiled.initialPages() * 64L) + " KiB), over the plugin's limit of " + maxPages
                            + " pages",
                    "raise resources.memory in the manifest (the host clamps it to [sandbox] max_memory)");
        }
        long tableEntries = compiled.initialTableEntries();
        if (tableEntries > WasmLimits.tableEntries(maxPages)) {
            throw new WasmLoadException(
                    "wasm.table-limit",
                    pluginId,
                    file,
                    "module '" + file + "' starts with tables of " + tableEntries + " entries, over the plugin's"
                            + " limit of " + WasmLimits.tableEntries(maxPages) + " (one entry per "
                            + WasmLimits.TABLE_ENTRY_BYTES + " bytes of its memory limit)",
                    "raise resources.memory in the manifest (the host clamps it to [sandbox] max_memory)");
        }
        Map<String, FunctionType> exports = exports(compiled.module());
        FunctionType wanted = FunctionType.of(List.of(), List.of(ValType.I32));
        for (String tool : tools) {
            String export = spec.exportFor(tool).export();
            FunctionType type = exports.get(export);
            if (type == null) {
                throw new WasmLoadException(
                        "wasm.missing-export",
                        pluginId,
                        file,
                        "tool '" + tool + "' calls export '" + export + "', which module '" + file
                                + "' does not export; it exports " + new TreeSet<>(exports.keySet()),
                        "export the function from the plugin, or map the tool under runtime.functions");
            }
            if (!type.equals(wanted)) {
                throw new WasmLoadException(
                        "wasm.export-type",
                        pluginId,
                        file,
                        "export '" + export + "' of module '" + file + "' has type " + type
                                + ", but an Extism function takes nothing and returns an i32",
                        "declare the function as the PDK shows, e.g. `export function " + export + "(): i32`");
            }
        }
    }

    private static Map<String, FunctionType> exports(WasmModule module) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        Map<String, FunctionType> out = new java.util.HashMap<>();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export export = section.getExport(i);
            if (export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            int index = export.index();
            FunctionType type = index < imported
                    ? module.typeSection().getType(functionImport(module, index).typeIndex())
                    : module.functionSection().getFunctionType(index - imported, module.typeSection());
            out.put(export.name(), type);
        }
        return out;
    }

    private static FunctionImport functionImport(WasmModule module, int functionIndex) {
        int seen = 0;
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            if (imports.getImport(i) instanceof FunctionImport f && seen++ == functionIndex) {
                return f;
            }
        }
        throw new IllegalStateException("no function import " + functionIndex);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
