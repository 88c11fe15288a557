package dev.pincer.wasm.wasi;

/**
 * Carries a WASI errno from where a host function failed to the one place that returns it to the
 * guest.
 *
 * <p>Not thread-safe; lives within one host-function call.
 */
final class WasiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;

    WasiError(int errno) {
        super("WASI errno " + errno, null, false, false);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
