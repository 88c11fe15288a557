package dev.pincer.wasm.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real WebAssembly guest that imports every WASI function and exports each under the same name,
 * so a test can call any of them from Java with pointers into the guest's memory, plus a bump
 * allocator for that memory.
 */
final class WasiGuest {

    /** The trampoline module, built once from the function list: wat2wasm takes a moment. */
    private static WasmModule trampoline;

    private final Instance instance;
    private int next = 1024;

    private WasiGuest(Instance instance) {
        this.instance = instance;
    }

    /** Returns a guest whose exports call straight into {@code wasi}'s functions. */
    static WasiGuest trampoline(GuardedWasi wasi) {
        return new WasiGuest(instantiate(trampolineModule(wasi.functions()), wasi));
    }

    /** Returns a guest running the module written in {@code wat}, linked to {@code wasi}. */
    static WasiGuest of(String wat, GuardedWasi wasi) {
        return new WasiGuest(instantiate(Parser.parse(Wat2Wasm.parse(wat)), wasi));
    }

    private static Instance instantiate(WasmModule module, GuardedWasi wasi) {
        ImportValues imports = ImportValues.builder()
                .addFunction(wasi.functions().toArray(HostFunction[]::new))
                .build();
        return Instance.builder(module).withImportValues(imports).build();
    }

    private static synchronized WasmModule trampolineModule(List<HostFunction> functions) {
        if (trampoline == null) {
            StringBuilder wat = new StringBuilder("(module\n");
            for (HostFunction f : functions) {
                wat.append("  (import \"")
                        .append(f.module())
                        .append("\" \"")
                        .append(f.name())
                        .append("\" (func $")
                        .append(f.name())
                        .append(signature(f))
                        .append("))\n");
            }
            wat.append("  (memory (export \"memory\") 2)\n");
            for (HostFunction f : functions) {
                String arguments = IntStream.range(0, f.paramTypes().size())
                        .mapToObj(i -> " (local.get " + i + ")")
                        .collect(Collectors.joining());
                wat.append("  (func (export \"")
                        .append(f.name())
                        .append("\")")
                        .append(signature(f))
                        .append(" (call $")
                        .append(f.name())
                        .append(arguments)
                        .append("))\n");
            }
            trampoline = Parser.parse(Wat2Wasm.parse(wat.append(")\n").toString()));
        }
        return trampoline;
    }

    private static String signature(HostFunction f) {
        String params = f.paramTypes().isEmpty()
                ? ""
                : " (param" + f.paramTypes().stream().map(WasiGuest::wat).collect(Collectors.joining()) + ")";
        String results = f.returnTypes().isEmpty()
                ? ""
                : " (result" + f.returnTypes().stream().map(WasiGuest::wat).collect(Collectors.joining()) + ")";
        return params + results;
    }

    private static String wat(ValType type) {
        return type.equals(ValType.I64) ? " i64" : " i32";
    }

    /** Calls export {@code name} and returns its first result (the errno), or 0 if it has none. */
    int call(String name, long... args) {
        long[] results = instance.export(name).apply(args);
        return results == null || results.length == 0 ? 0 : (int) results[0];
    }

    Memory memory() {
        return instance.memory();
    }

    /** Returns the address of {@code size} fresh zeroed bytes, 8-aligned. */
    int alloc(int size) {
        int at = next;
        next = (next + size + 7) & ~7;
        memory().fill((byte) 0, at, at + size);
        return at;
    }

    /** Copies {@code text} (UTF-8, no terminator) into memory and returns its address. */
    int string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = alloc(bytes.length);
        memory().write(at, bytes);
        return at;
    }

    int u32(int address) {
        return memory().readInt(address);
    }

    long u64(int address) {
        return memory().readLong(address);
    }

    String text(int address, int length) {
        return new String(memory().readBytes(address, length), StandardCharsets.UTF_8);
    }

    /** Returns an iovec list of one buffer. */
    int iovec(int buffer, int length) {
        int at = alloc(8);
        memory().writeI32(at, buffer);
        memory().writeI32(at + 4, length);
        return at;
    }

    /** What {@code path_open} answered: its errno, and the descriptor when it is 0. */
    record Opened(int errno, int fd) {}

    Opened open(int dirFd, String path, int oflags, long rights, int fdflags) {
        int length = path.getBytes(StandardCharsets.UTF_8).length;
        int fdAt = alloc(4);
        int errno = call("path_open", dirFd, 0, string(path), length, oflags, rights, 0, fdflags, fdAt);
        return new Opened(errno, u32(fdAt));
    }

    /** Reads up to {@code max} bytes from {@code fd} with {@code fd_read}, failing on an errno. */
    String read(int fd, int max) {
        int buffer = alloc(max);
        int readAt = alloc(4);
        int errno = call("fd_read", fd, iovec(buffer, max), 1, readAt);
        if (errno != 0) {
            throw new AssertionError("fd_read(" + fd + ") answered errno " + errno);
        }
        return text(buffer, u32(readAt));
    }

    /** Writes {@code text} to {@code fd} with {@code fd_write} and returns the errno. */
    int write(int fd, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int buffer = alloc(bytes.length);
        memory().write(buffer, bytes);
        return call("fd_write", fd, iovec(buffer, bytes.length), 1, alloc(4));
    }
}
