package dev.pincer.wasm.wasi;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a guest's output stream into lines and hands each to a consumer, without the line break
 * (a trailing carriage return is dropped too). A line longer than {@link #MAX_LINE_BYTES} is handed
 * on cut, ending in {@link #CUT}, and the rest of it is dropped, so a guest cannot make the host
 * hold an unbounded line. Bytes are decoded as UTF-8, malformed ones replaced.
 *
 * <p>Not thread-safe; belongs to one {@link GuardedWasi}.
 */
final class LineSink {

    /** The most bytes of one line handed on. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    /** What ends a line that was cut. */
    static final String CUT = " …[cut]";

    private final Consumer<String> lines;
    private final byte[] pending = new byte[MAX_LINE_BYTES];
    private int length;
    private boolean cutting;

    LineSink(Consumer<String> lines) {
        this.lines = lines;
    }

    void accept(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                if (!cutting) {
                    emit(length, "");
                }
                cutting = false;
                length = 0;
            } else if (!cutting && length == MAX_LINE_BYTES) {
                emit(wholeCharacters(length), CUT);
                cutting = true;
                length = 0;
            } else if (!cutting) {
                pending[length++] = b;
            }
        }
    }

    /** Hands on a partial last line, if any, and starts afresh. */
    void flush() {
        if (length > 0 && !cutting) {
            emit(length, "");
        }
        length = 0;
        cutting = false;
    }

    private void emit(int end, String suffix) {
        int cut = suffix.isEmpty() && end > 0 && pending[end - 1] == '\r' ? end - 1 : end;
        lines.accept(new String(pending, 0, cut, StandardCharsets.UTF_8) + suffix);
    }

    /** Returns {@code end} moved back so no UTF-8 sequence is split at it. */
    private int wholeCharacters(int end) {
        int start = end - 1;
        while (start > 0 && (pending[start] & 0xC0) == 0x80) {
            start--;
        }
        int lead = pending[start] & 0xFF;
        int expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return end - start < expected ? start : end;
    }
}
