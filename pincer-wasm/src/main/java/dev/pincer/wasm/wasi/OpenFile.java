package dev.pincer.wasm.wasi;

import java.util.Arrays;

/**
 * A file held in memory while the guest has it open: read whole through the file service when
 * opened, written whole through it when flushed. Writes past {@code limit} bytes fail with {@link
 * Errno#FBIG}, so one descriptor never holds more than the file service would write.
 *
 * <p>Not thread-safe; belongs to one {@link FdTable}.
 */
final class OpenFile implements Descriptor {

    /** How the file was opened. */
    record Mode(boolean read, boolean write, boolean append) {}

    private final String hostPath;
    private final boolean readable;
    private final boolean writable;
    private final long limit;
    private boolean append;
    private boolean dirty;
    private byte[] data;
    private int size;
    private long position;

    OpenFile(String hostPath, byte[] content, Mode mode, long limit) {
        this.hostPath = hostPath;
        this.readable = mode.read();
        this.writable = mode.write();
        this.append = mode.append();
        this.limit = Math.min(limit, Integer.MAX_VALUE - 8);
        this.data = content;
        this.size = content.length;
    }

    String hostPath() {
        return hostPath;
    }

    boolean isReadable() {
        return readable;
    }

    boolean isWritable() {
        return writable;
    }

    boolean isAppend() {
        return append;
    }

    void append(boolean on) {
        append = on;
    }

    /** Returns whether the content changed since it was last read or flushed. */
    boolean isDirty() {
        return dirty;
    }

    void flushed() {
        dirty = false;
    }

    /** Returns the most bytes the file may hold. */
    long limit() {
        return limit;
    }

    long size() {
        return size;
    }

    long position() {
        return position;
    }

    void position(long at) {
        position = at;
    }

    /** Returns a copy of the whole content. */
    byte[] content() {
        return Arrays.copyOf(data, size);
    }

    /** Returns up to {@code max} bytes from {@code offset}; empty at or past the end. */
    byte[] read(long offset, long max) {
        if (offset >= size) {
            return new byte[0];
        }
        int end = (int) Math.min(size, offset + Math.min(max, Integer.MAX_VALUE));
        return Arrays.copyOfRange(data, (int) offset, end);
    }

    /**
     * Writes {@code bytes} at {@code offset}; a gap after the end reads as zeros, since every byte
     * of {@code data} past {@code size} is kept zero.
     */
    void write(long offset, byte[] bytes) throws WasiError {
        long end = offset + bytes.length;
        grow(end);
        System.arraycopy(bytes, 0, data, (int) offset, bytes.length);
        dirty = true;
    }

    /** Sets the size to {@code newSize}, cutting or zero-filling. */
    void resize(long newSize) throws WasiError {
        if (newSize < size) {
            Arrays.fill(data, (int) newSize, size, (byte) 0);
            size = (int) newSize;
        } else {
            grow(newSize);
        }
        dirty = true;
    }

    private void grow(long end) throws WasiError {
        if (end > limit) {
            throw new WasiError(Errno.FBIG);
        }
        if (end > data.length) {
            long doubled = Math.min(limit, Math.max(16, (long) data.length * 2));
            data = Arrays.copyOf(data, (int) Math.max(end, doubled));
        }
        if (end > size) {
            size = (int) end;
        }
    }

    @Override
    public int fileType() {
        return Abi.FILETYPE_REGULAR_FILE;
    }

    @Override
    public long rights() {
        return (readable ? Abi.FILE_READ_RIGHTS : Abi.FILE_READ_RIGHTS & ~Abi.RIGHT_FD_READ)
                | (writable ? Abi.FILE_WRITE_RIGHTS : 0);
    }
}
