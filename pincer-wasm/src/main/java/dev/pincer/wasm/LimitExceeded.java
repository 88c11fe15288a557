package dev.pincer.wasm;

/**
 * A guest reached one of its limits (memory, output, vars, CPU time). The call fails, the instance
 * is discarded, and the runtime writes an audit record of kind LIMIT with {@link #limit()} as its
 * action.
 */
final class LimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limit;

    LimitExceeded(String limit, String message) {
        super(message, null, false, false);
        this.limit = limit;
    }

    /** Returns which limit: {@code memory}, {@code output}, {@code vars}, {@code cpu}. */
    String limit() {
        return limit;
    }
}
