package dev.pincer.wasm.wasi;

/**
 * A standard stream: input is always at its end, output goes to a {@link LineSink}. Reported as a
 * character device without seek rights, so C and Rust guests line-buffer their output. Immutable.
 */
enum StdStream implements Descriptor {
    IN(Abi.RIGHT_FD_READ | Abi.RIGHT_POLL_FD_READWRITE),
    OUT(Abi.RIGHT_FD_WRITE | Abi.RIGHT_POLL_FD_READWRITE),
    ERR(Abi.RIGHT_FD_WRITE | Abi.RIGHT_POLL_FD_READWRITE);

    private final long rights;

    StdStream(long rights) {
        this.rights = rights;
    }

    @Override
    public int fileType() {
        return Abi.FILETYPE_CHARACTER_DEVICE;
    }

    @Override
    public long rights() {
        return rights;
    }
}
