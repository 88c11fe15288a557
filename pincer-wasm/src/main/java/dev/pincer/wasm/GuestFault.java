package dev.pincer.wasm;

/**
 * A guest broke the ABI: it passed an offset or length outside what it was given, or malformed
 * data to a host function. The call fails and its instance is discarded.
 */
final class GuestFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GuestFault(String message) {
        super(message, null, false, false);
    }
}
