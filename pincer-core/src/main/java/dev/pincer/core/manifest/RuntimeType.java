package dev.pincer.core.manifest;

import java.util.Locale;

/**
 * Names the runtime a plugin asks to be loaded in.
 *
 * @since 0.1.0
 */
public enum RuntimeType {
    /** Jars on the JVM, one class loader per plugin. */
    JVM,
    /** A WebAssembly module speaking the Extism plugin ABI. */
    WASM,
    /** An MCP server run as a child process (or reached over Streamable HTTP). */
    MCP,
    /** Content only: folders of {@code SKILL.md} skills. */
    SKILLS;

    /** Returns the word used in manifests and output, e.g. {@code "jvm"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the type for a manifest word; the schema has already checked the word is known. */
    static RuntimeType fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
