package dev.pincer.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes how a plugin is loaded: the manifest's {@code runtime} object.
 *
 * <p>All implementations are immutable records. Paths are relative to the plugin folder and have
 * been checked not to leave it.
 *
 * @since 0.1.0
 */
public sealed interface RuntimeSpec {

    /** Returns the runtime type. */
    RuntimeType type();

    /**
     * A JVM plugin.
     *
     * @param main the class implementing {@code dev.pincer.api.Plugin}, or {@code null} to find it by
     *     {@code ServiceLoader}
     * @param classpath jars or folders in the plugin folder; {@code lib/*.jar} when empty
     * @param exports packages dependants may see
     */
    record Jvm(String main, List<String> classpath, List<String> exports) implements RuntimeSpec {
        public Jvm {
            classpath = List.copyOf(classpath);
            exports = List.copyOf(exports);
        }

        @Override
        public RuntimeType type() {
            return RuntimeType.JVM;
        }
    }

    /**
     * A WebAssembly plugin speaking the Extism ABI.
     *
     * @param module the {@code .wasm} file in the plugin folder
     * @param wasi whether the module expects WASI imports
     * @param functions how declared tools map to exports, by tool name; a tool not listed calls the
     *     export of its own name with its arguments as JSON
     */
    record Wasm(String module, boolean wasi, Map<String, Export> functions) implements RuntimeSpec {
        public Wasm {
            Objects.requireNonNull(module, "module");
            functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        }

        /** Returns how {@code tool} is called: its entry in {@code functions}, or the default. */
        public Export exportFor(String tool) {
            return functions.getOrDefault(tool, new Export(tool, null));
        }

        /**
         * One tool's export.
         *
         * @param export the exported function's name
         * @param argument the string argument whose raw value is the plugin's input, or {@code null}
         *     for the whole arguments object as JSON
         */
        public record Export(String export, String argument) {
            public Export {
                Objects.requireNonNull(export, "export");
            }
        }

        @Override
        public RuntimeType type() {
            return RuntimeType.WASM;
        }
    }

    /**
     * An MCP server: either a command run over stdio or a Streamable HTTP URL.
     *
     * @param command the executable, or {@code null} when {@code url} is set
     * @param args its arguments, never interpolated into a shell
     * @param env extra environment for the child process
     * @param url the server URL, or {@code null} when {@code command} is set
     * @param namespace the prefix of the server's tools in the registry ({@code <namespace>_<tool>}),
     *     empty for none, or {@code null} for the default made from the plugin id
     */
    record Mcp(String command, List<String> args, Map<String, String> env, String url, String namespace)
            implements RuntimeSpec {
        public Mcp {
            if ((command == null) == (url == null)) {
                throw new IllegalArgumentException("an mcp runtime needs exactly one of command and url");
            }
            args = List.copyOf(args);
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }

        /** Creates a spec whose tools are prefixed with the default namespace. */
        public Mcp(String command, List<String> args, Map<String, String> env, String url) {
            this(command, args, env, url, null);
        }

        @Override
        public RuntimeType type() {
            return RuntimeType.MCP;
        }
    }

    /**
     * A content-only plugin of skills.
     *
     * @param paths folders holding {@code <skill>/SKILL.md}; {@code skills/} when empty
     */
    record Skills(List<String> paths) implements RuntimeSpec {
        public Skills {
            paths = List.copyOf(paths);
        }

        @Override
        public RuntimeType type() {
            return RuntimeType.SKILLS;
        }
    }
}
