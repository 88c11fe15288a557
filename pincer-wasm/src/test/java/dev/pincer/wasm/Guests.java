package dev.pincer.wasm;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written Extism guests in WebAssembly text, compiled with Chicory's wat2wasm, and the
 * manifests that declare them, for the sandbox tests.
 *
 * <p>Every module built by {@link #module} imports the Extism functions the tests use, has a helper
 * {@code $filled} (allocates a kernel block of {@code n} bytes of {@code 'x'}), and exports
 * {@code echo}, which returns its input; the functions passed in come after.
 */
final class Guests {

    /** The Extism host functions the guests call. */
    static final String IMPORTS =
            """
            (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
            (import "extism:host/env" "length" (func $length (param i64) (result i64)))
            (import "extism:host/env" "load_u8" (func $load_u8 (param i64) (result i32)))
            (import "extism:host/env" "load_u64" (func $load_u64 (param i64) (result i64)))
            (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
            (import "extism:host/env" "store_u64" (func $store_u64 (param i64 i64)))
            (import "extism:host/env" "input_offset" (func $input_offset (result i64)))
            (import "extism:host/env" "input_length" (func $input_length (result i64)))
            (import "extism:host/env" "input_load_u8" (func $input_load_u8 (param i64) (result i32)))
            (import "extism:host/env" "input_load_u64" (func $input_load_u64 (param i64) (result i64)))
            (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
            (import "extism:host/env" "error_set" (func $error_set (param i64)))
            (import "extism:host/env" "config_get" (func $config_get (param i64) (result i64)))
            (import "extism:host/env" "var_get" (func $var_get (param i64) (result i64)))
            (import "extism:host/env" "var_set" (func $var_set (param i64 i64)))
            (import "extism:host/env" "http_request" (func $http_request (param i64 i64) (result i64)))
            (import "extism:host/env" "log_info" (func $log_info (param i64)))
            """;

    private static final String HELPERS =
            """
            (func $filled (param $n i64) (result i64)
              (local $at i64) (local $i i64)
              (local.set $at (call $alloc (local.get $n)))
              (block $done
                (loop $fill
                  (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
                  (call $store_u8 (i64.add (local.get $at) (local.get $i)) (i32.const 120))
                  (local.set $i (i64.add (local.get $i) (i64.const 1)))
                  (br $fill)))
              (local.get $at))
            (func (export "echo") (result i32)
              (call $output_set (call $input_offset) (call $input_length))
              (i32.const 0))
            """;

    private Guests() {}

    /** Returns the module made of the imports, the helpers and {@code functions}. */
    static byte[] module(String... functions) {
        return Wat2Wasm.parse("(module\n" + IMPORTS + HELPERS + String.join("\n", functions) + "\n)");
    }

    /**
     * A plugin declaring one tool per export, named {@code <id>_<export>}, whose input is the raw
     * string argument {@code text}.
     *
     * @param id the plugin id
     * @param exports the exports its tools call
     * @param resources the manifest's {@code resources} object, JSON
     * @param permissions the manifest's {@code permissions} object, JSON
     * @param config the manifest's {@code config} schema, JSON
     */
    record Plugin(String id, List<String> exports, String resources, String permissions, String config) {

        Plugin {
            exports = List.copyOf(exports);
        }

        static Plugin of(String id, String... exports) {
            return new Plugin(id, List.of(exports), "{}", "{}", "{\"type\": \"object\"}");
        }

        Plugin resources(String json) {
            return new Plugin(id, exports, json, permissions, config);
        }

        Plugin permissions(String json) {
            return new Plugin(id, exports, resources, json, config);
        }

        Plugin config(String json) {
            return new Plugin(id, exports, resources, permissions, json);
        }

        /** Returns the name of the tool that calls {@code export}. */
        String tool(String export) {
            return id + "_" + export;
        }

        String manifest() {
            List<String> functions = new ArrayList<>();
            List<String> tools = new ArrayList<>();
            for (String export : exports) {
                functions.add("\"" + tool(export) + "\": {\"export\": \"" + export + "\", \"argument\": \"text\"}");
                tools.add("{\"name\": \"" + tool(export) + "\", \"description\": \"calls " + export + "\"}");
            }
            return """
                    {
                      "id": "%s",
                      "version": "0.1.0",
                      "runtime": {"type": "wasm", "module": "plugin.wasm", "functions": {%s}},
                      "provides": {"tools": [%s]},
                      "resources": %s,
                      "permissions": %s,
                      "config": %s
                    }
                    """
                    .formatted(
                            id, String.join(", ", functions), String.join(", ", tools), resources, permissions, config);
        }
    }
}
