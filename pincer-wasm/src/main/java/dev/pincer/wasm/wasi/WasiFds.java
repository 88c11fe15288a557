package dev.pincer.wasm.wasi;

import dev.pincer.wasm.wasi.GuestMemory.Iovec;
import java.util.List;

/**
 * The {@code fd_*} functions that move data: reading, writing, seeking, syncing and closing. Files
 * are served from their {@link OpenFile} buffers; a dirty buffer is written whole through {@link
 * FileCalls} on {@code fd_close}, {@code fd_sync} and {@code fd_datasync}. Standard output and error
 * go to {@link LineSink}s; standard input is always at its end.
 *
 * <p>Not thread-safe; belongs to one {@link GuardedWasi}.
 */
final class WasiFds {

    /** How many bytes of guest output are copied out of memory at a time. */
    private static final int OUTPUT_CHUNK = 64 * 1024;

    private final FdTable table;
    private final FileCalls calls;
    private final LineSink out;
    private final LineSink err;

    WasiFds(FdTable table, FileCalls calls, LineSink out, LineSink err) {
        this.table = table;
        this.calls = calls;
        this.out = out;
        this.err = err;
    }

    int read(GuestMemory memory, long fd, long iovsAt, long iovsCount, long readAt) throws WasiError {
        Descriptor descriptor = table.get(fd);
        List<Iovec> iovecs = memory.iovecs(iovsAt, iovsCount);
        memory.check(readAt, 4);
        if (descriptor == StdStream.IN) {
            memory.putU32(readAt, 0);
            return Errno.SUCCESS;
        }
        OpenFile file = readable(descriptor);
        long n = copyOut(memory, file, file.position(), iovecs);
        file.position(file.position() + n);
        memory.putU32(readAt, n);
        return Errno.SUCCESS;
    }

    int pread(GuestMemory memory, long fd, long iovsAt, long iovsCount, long offset, long readAt) throws WasiError {
        OpenFile file = readable(seekable(table.get(fd)));
        List<Iovec> iovecs = memory.iovecs(iovsAt, iovsCount);
        memory.check(readAt, 4);
        if (offset < 0) {
            return Errno.INVAL;
        }
        memory.putU32(readAt, copyOut(memory, file, offset, iovecs));
        return Errno.SUCCESS;
    }

    int write(GuestMemory memory, long fd, long iovsAt, long iovsCount, long writtenAt) throws WasiError {
        Descriptor descriptor = table.get(fd);
        List<Iovec> iovecs = memory.iovecs(iovsAt, iovsCount);
        memory.check(writtenAt, 4);
        if (descriptor == StdStream.OUT || descriptor == StdStream.ERR) {
            LineSink sink = descriptor == StdStream.OUT ? out : err;
            long total = 0;
            for (Iovec iovec : iovecs) {
                for (long done = 0; done < iovec.length(); done += OUTPUT_CHUNK) {
                    sink.accept(memory.bytes(iovec.address() + done, Math.min(OUTPUT_CHUNK, iovec.length() - done)));
                }
                total += iovec.length();
            }
            memory.putU32(writtenAt, total);
            return Errno.SUCCESS;
        }
        OpenFile file = writable(descriptor);
        long at = file.isAppend() ? file.size() : file.position();
        long n = copyIn(memory, file, at, iovecs);
        file.position(at + n);
        memory.putU32(writtenAt, n);
        return Errno.SUCCESS;
    }

    int pwrite(GuestMemory memory, long fd, long iovsAt, long iovsCount, long offset, long writtenAt) throws WasiError {
        OpenFile file = writable(seekable(table.get(fd)));
        List<Iovec> iovecs = memory.iovecs(iovsAt, iovsCount);
        memory.check(writtenAt, 4);
        if (offset < 0) {
            return Errno.INVAL;
        }
        memory.putU32(writtenAt, copyIn(memory, file, offset, iovecs));
        return Errno.SUCCESS;
    }

    int seek(GuestMemory memory, long fd, long offset, long whence, long positionAt) throws WasiError {
        OpenFile file = file(seekable(table.get(fd)));
        memory.check(positionAt, 8);
        long base;
        if (whence == Abi.WHENCE_SET) {
            base = 0;
        } else if (whence == Abi.WHENCE_CUR) {
            base = file.position();
        } else if (whence == Abi.WHENCE_END) {
            base = file.size();
        } else {
            return Errno.INVAL;
        }
        long target = base + offset;
        if ((offset > 0 && target < base) || target < 0) {
            return Errno.INVAL;
        }
        file.position(target);
        memory.putU64(positionAt, target);
        return Errno.SUCCESS;
    }

    int tell(GuestMemory memory, long fd, long positionAt) throws WasiError {
        OpenFile file = file(seekable(table.get(fd)));
        memory.putU64(positionAt, file.position());
        return Errno.SUCCESS;
    }

    int close(long fd) throws WasiError {
        if (table.remove(fd) instanceof OpenFile file) {
            flush(file);
        }
        return Errno.SUCCESS;
    }

    /** Answers {@code fd_sync} and {@code fd_datasync}: writes a changed file through the file service. */
    int sync(long fd) throws WasiError {
        if (table.get(fd) instanceof OpenFile file) {
            flush(file);
        }
        return Errno.SUCCESS;
    }

    int renumber(long from, long to) throws WasiError {
        Descriptor moved = table.get(from);
        table.get(to);
        if (from == to) {
            return Errno.SUCCESS;
        }
        Descriptor replaced = table.remove(to);
        table.remove(from);
        table.put((int) to, moved);
        if (replaced instanceof OpenFile file) {
            flush(file);
        }
        return Errno.SUCCESS;
    }

    int setSize(long fd, long size) throws WasiError {
        OpenFile file = writable(table.get(fd));
        if (size < 0) {
            return Errno.INVAL;
        }
        file.resize(size);
        return Errno.SUCCESS;
    }

    int allocate(long fd, long offset, long length) throws WasiError {
        OpenFile file = writable(table.get(fd));
        if (offset < 0 || length < 0 || offset + length < 0) {
            return Errno.INVAL;
        }
        if (offset + length > file.size()) {
            file.resize(offset + length);
        }
        return Errno.SUCCESS;
    }

    /** Answers {@code fd_advise}: advice changes nothing for a file held in memory. */
    int advise(long fd, long advice) throws WasiError {
        table.get(fd);
        return advice > 5 ? Errno.INVAL : Errno.SUCCESS;
    }

    int setFlags(long fd, long flags) throws WasiError {
        if (table.get(fd) instanceof OpenFile file) {
            file.append((flags & Abi.FDFLAG_APPEND) != 0);
        }
        return Errno.SUCCESS;
    }

    /** Writes {@code file} through the file service if it changed since it was read or last written. */
    void flush(OpenFile file) throws WasiError {
        if (file.isDirty()) {
            calls.write(file.hostPath(), file.content());
            file.flushed();
        }
    }

    private static long copyOut(GuestMemory memory, OpenFile file, long offset, List<Iovec> iovecs) throws WasiError {
        long done = 0;
        for (Iovec iovec : iovecs) {
            byte[] bytes = file.read(offset + done, iovec.length());
            memory.put(iovec.address(), bytes, 0, bytes.length);
            done += bytes.length;
            if (bytes.length < iovec.length()) {
                break;
            }
        }
        return done;
    }

    private static long copyIn(GuestMemory memory, OpenFile file, long offset, List<Iovec> iovecs) throws WasiError {
        long total = iovecs.stream().mapToLong(Iovec::length).sum();
        if (total > file.limit() - offset) {
            throw new WasiError(Errno.FBIG);
        }
        long done = 0;
        for (Iovec iovec : iovecs) {
            file.write(offset + done, memory.bytes(iovec.address(), iovec.length()));
            done += iovec.length();
        }
        return done;
    }

    private static Descriptor seekable(Descriptor descriptor) throws WasiError {
        if (descriptor instanceof StdStream) {
            throw new WasiError(Errno.SPIPE);
        }
        return descriptor;
    }

    private static OpenFile file(Descriptor descriptor) throws WasiError {
        if (descriptor instanceof OpenFile file) {
            return file;
        }
        throw new WasiError(descriptor instanceof Directory ? Errno.ISDIR : Errno.BADF);
    }

    private static OpenFile readable(Descriptor descriptor) throws WasiError {
        OpenFile file = file(descriptor);
        if (!file.isReadable()) {
            throw new WasiError(Errno.BADF);
        }
        return file;
    }

    private static OpenFile writable(Descriptor descriptor) throws WasiError {
        OpenFile file = file(descriptor);
        if (!file.isWritable()) {
            throw new WasiError(Errno.BADF);
        }
        return file;
    }
}
