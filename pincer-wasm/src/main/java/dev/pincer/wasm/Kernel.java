package dev.pincer.wasm;

import java.util.Arrays;

/**
 * The Extism kernel of one guest instance, in Java: the host-side memory in which the guest and the
 * host exchange bytes (input, output, errors, config and var values, HTTP bodies), and the state of
 * the call in progress.
 *
 * <p>Blocks are allocated upwards from offset 1; offset 0 is the empty block, which is what
 * allocating nothing returns, as in Extism's kernel. All blocks are dropped and their bytes zeroed by
 * {@link #reset()} after each call, as the ABI requires, so no call sees what an earlier one left; a
 * call that allocates more than {@code capacity} bytes in all is stopped with a {@link
 * LimitExceeded}. Every offset a guest hands back is checked against the blocks it was given: a load,
 * store or output outside them is a {@link GuestFault}, never a read of host memory, and the length
 * of anything but a block is 0. Not thread-safe: one instance serves one call at a time.
 */
final class Kernel {

    private static final int INITIAL = 4096;
    private static final int RETAINED = 1 << 20;

    private final long capacity;
    private final java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    private byte[] memory = new byte[INITIAL];
    private int top = 1;
    private long[] starts = new long[16];
    private int[] lengths = new int[16];
    private int blocks;

    private long inputOffset;
    private int inputLength;
    private long outputOffset;
    private long outputLength;
    private long errorOffset;
    private int httpStatus;
    private long httpHeaders;

    Kernel(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Drops every block, zeroing its bytes, and the call state; keeps at most {@value #RETAINED} bytes
     * of backing store.
     */
    void reset() {
        if (memory.length > RETAINED) {
            memory = new byte[INITIAL];
        } else {
            Arrays.fill(memory, 0, top, (byte) 0);
        }
        top = 1;
        blocks = 0;
        inputOffset = 0;
        inputLength = 0;
        outputOffset = 0;
        outputLength = 0;
        errorOffset = 0;
        httpStatus = 0;
        httpHeaders = 0;
    }

    /** Places {@code input} in a block of its own for the call about to start. */
    void input(byte[] input) {
        inputOffset = store(input);
        inputLength = input.length;
    }

    /** Returns the offset of a new block of {@code length} bytes (unsigned), or 0, the empty block, for none. */
    long alloc(long length) {
        if (length == 0) {
            return 0;
        }
        if (length < 0 || length > capacity - top) {
            throw new LimitExceeded(
                    "memory",
                    "the plugin asked for " + Long.toUnsignedString(length) + " bytes of host memory on top of "
                            + (top - 1) + ", over its limit of " + capacity + " bytes");
        }
        int size = (int) length;
        int offset = top;
        ensure(offset + size);
        top = offset + size;
        if (blocks == starts.length) {
            starts = Arrays.copyOf(starts, blocks * 2);
            lengths = Arrays.copyOf(lengths, blocks * 2);
        }
        starts[blocks] = offset;
        lengths[blocks] = size;
        blocks++;
        return offset;
    }

    /** Returns the block's offset after copying {@code bytes} into a new block. */
    long store(byte[] bytes) {
        long offset = alloc(bytes.length);
        if (bytes.length > 0) {
            System.arraycopy(bytes, 0, memory, (int) offset, bytes.length);
        }
        return offset;
    }

    void free(long offset) {
        int i = find(offset);
        if (i >= 0) {
            lengths[i] = -1;
        }
    }

    /** Returns the length of the block starting at {@code offset}, or 0 when none starts there. */
    long length(long offset) {
        int i = find(offset);
        return i < 0 || lengths[i] < 0 ? 0 : lengths[i];
    }

    /** Returns the block starting at {@code offset} (offset 0: the empty block), or fails when none does. */
    byte[] block(long offset, String use) {
        if (offset == 0) {
            return new byte[0];
        }
        int i = find(offset);
        if (i < 0 || lengths[i] < 0) {
            throw new GuestFault(use + " was given offset " + offset + ", where no memory block starts");
        }
        return Arrays.copyOfRange(memory, (int) offset, (int) offset + lengths[i]);
    }

    /** Returns the bytes at {@code offset} for {@code length}, checked against the allocated range. */
    byte[] bytes(long offset, long length, String use) {
        check(offset, length, use);
        return Arrays.copyOfRange(memory, (int) offset, (int) (offset + length));
    }

    int loadU8(long offset) {
        check(offset, 1, "load_u8");
        return memory[(int) offset] & 0xff;
    }

    long loadU64(long offset) {
        check(offset, 8, "load_u64");
        return readLong((int) offset);
    }

    void storeU8(long offset, int value) {
        check(offset, 1, "store_u8");
        memory[(int) offset] = (byte) value;
    }

    void storeU64(long offset, long value) {
        check(offset, 8, "store_u64");
        int at = (int) offset;
        for (int i = 0; i < 8; i++) {
            memory[at + i] = (byte) (value >>> (8 * i));
        }
    }

    long inputLength() {
        return inputLength;
    }

    long inputOffset() {
        return inputOffset;
    }

    int inputLoadU8(long offset) {
        checkInput(offset, 1, "input_load_u8");
        return memory[(int) (inputOffset + offset)] & 0xff;
    }

    long inputLoadU64(long offset) {
        checkInput(offset, 8, "input_load_u64");
        return readLong((int) (inputOffset + offset));
    }

    void output(long offset, long length, long limit) {
        if (length > limit) {
            throw new LimitExceeded(
                    "output", "the plugin returned " + length + " bytes, over its output limit of " + limit + " bytes");
        }
        if (offset != 0 || length != 0) {
            check(offset, length, "output_set");
        }
        outputOffset = offset;
        outputLength = length;
    }

    /** Returns the output as text, decoded in place. */
    String outputText() throws java.nio.charset.CharacterCodingException {
        utf8.reset();
        return utf8.decode(java.nio.ByteBuffer.wrap(memory, (int) outputOffset, (int) outputLength))
                .toString();
    }

    long outputOffset() {
        return outputOffset;
    }

    long outputLength() {
        return outputLength;
    }

    void error(long offset) {
        if (offset != 0) {
            block(offset, "error_set");
        }
        errorOffset = offset;
    }

    long errorOffset() {
        return errorOffset;
    }

    /** Returns the length in bytes of the error the guest set, or 0. */
    long errorLength() {
        return length(errorOffset);
    }

    /** Returns the error the guest set, or {@code null}. */
    String errorText() {
        if (errorOffset == 0) {
            return null;
        }
        int i = find(errorOffset);
        if (i < 0 || lengths[i] < 0) {
            return null;
        }
        return new String(memory, (int) errorOffset, lengths[i], java.nio.charset.StandardCharsets.UTF_8);
    }

    void httpStatus(int status) {
        httpStatus = status;
    }

    int httpStatus() {
        return httpStatus;
    }

    void httpHeaders(long offset) {
        httpHeaders = offset;
    }

    long httpHeaders() {
        return httpHeaders;
    }

    long memoryBytes() {
        return top - 1L;
    }

    private void check(long offset, long length, String use) {
        if (offset < 1 || length < 0 || offset + length > top || offset + length < offset) {
            throw new GuestFault(use + " at offset " + offset + " for " + length
                    + " bytes is outside the memory the plugin allocated (1 to " + (top - 1) + ")");
        }
    }

    private void checkInput(long offset, long length, String use) {
        if (offset < 0 || length < 0 || offset + length > inputLength || offset + length < offset) {
            throw new GuestFault(use + " at offset " + offset + " is outside the input of " + inputLength + " bytes");
        }
    }

    private long readLong(int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (memory[at + i] & 0xffL);
        }
        return value;
    }

    private void ensure(int size) {
        if (size > memory.length) {
            memory = Arrays.copyOf(memory, Math.max(size, (int) Math.min(capacity + 1, memory.length * 2L)));
        }
    }

    private int find(long offset) {
        if (offset < 1 || offset >= top) {
            return -1;
        }
        int i = Arrays.binarySearch(starts, 0, blocks, offset);
        return i < 0 ? -1 : i;
    }
}
