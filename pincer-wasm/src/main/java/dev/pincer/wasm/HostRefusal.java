package dev.pincer.wasm;

/**
 * A host function refused what the guest asked (a host outside its grant, a failed request): the
 * call stops with this message as its error, as an Extism host does, and the refusal is already in
 * the audit log.
 */
final class HostRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HostRefusal(String message) {
        super(message, null, false, false);
    }
}
