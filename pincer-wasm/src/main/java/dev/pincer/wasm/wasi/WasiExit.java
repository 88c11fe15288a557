package dev.pincer.wasm.wasi;

/**
 * Signals that the guest called {@code proc_exit}: the call ends here and the runtime decides what
 * the exit code means.
 *
 * <p>Immutable once thrown.
 *
 * @since 0.1.0
 */
public final class WasiExit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exit code the guest passed. */
    private final int code;

    /**
     * Creates the signal.
     *
     * @param code the exit code the guest passed to {@code proc_exit}
     */
    public WasiExit(int code) {
        super("the plugin called proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    /**
     * Returns the exit code the guest passed to {@code proc_exit}.
     *
     * @return the exit code; 0 conventionally means success
     */
    public int code() {
        return code;
    }
}
