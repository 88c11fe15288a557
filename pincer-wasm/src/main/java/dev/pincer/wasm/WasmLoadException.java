package dev.pincer.wasm;

import dev.pincer.core.diagnostics.PincerException;
import java.nio.file.Path;

/**
 * Signals that a wasm plugin could not be loaded: its module is missing, outside the plugin folder,
 * over the size limit, malformed, imports something Pincer does not provide, lacks an export a tool
 * needs, or asks for more memory than its limit. Codes start with {@code wasm.}.
 *
 * @since 0.1.0
 */
public class WasmLoadException extends PincerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param code a stable dotted code starting with {@code wasm.}
     * @param pluginId the plugin concerned
     * @param path the module file, or {@code null}
     * @param message what was wrong, quoting the offending value
     * @param hint what to do
     */
    public WasmLoadException(String code, String pluginId, Path path, String message, String hint) {
        super(code, pluginId, path, message, hint);
    }
}
