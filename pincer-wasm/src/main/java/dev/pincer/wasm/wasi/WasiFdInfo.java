package dev.pincer.wasm.wasi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fd_*} functions that describe descriptors: {@code fd_fdstat_get}, {@code
 * fd_filestat_get}, the preopen queries and {@code fd_readdir}. The file service reports no times,
 * inode numbers or entry types, so times are 0, inode numbers are derived from names, and entries
 * other than {@code .} and {@code ..} have type unknown.
 *
 * <p>Not thread-safe; belongs to one {@link GuardedWasi}.
 */
final class WasiFdInfo {

    /** Size of the {@code filestat} record. */
    static final int FILESTAT_SIZE = 64;

    private static final int FDSTAT_SIZE = 24;
    private static final int PRESTAT_SIZE = 8;
    private static final int DIRENT_SIZE = 24;

    private final FdTable table;
    private final WasiPaths paths;

    WasiFdInfo(FdTable table, WasiPaths paths) {
        this.table = table;
        this.paths = paths;
    }

    int fdstatGet(GuestMemory memory, long fd, long statAt) throws WasiError {
        Descriptor descriptor = table.get(fd);
        memory.zero(statAt, FDSTAT_SIZE);
        memory.putU8(statAt, descriptor.fileType());
        boolean append = descriptor instanceof OpenFile file && file.isAppend();
        memory.putU16(statAt + 2, append ? Abi.FDFLAG_APPEND : 0);
        memory.putU64(statAt + 8, descriptor.rights());
        memory.putU64(statAt + 16, descriptor.inheritingRights());
        return Errno.SUCCESS;
    }

    int filestatGet(GuestMemory memory, long fd, long statAt) throws WasiError {
        Descriptor descriptor = table.get(fd);
        long size = descriptor instanceof OpenFile file ? file.size() : 0;
        putFilestat(memory, statAt, descriptor.fileType(), size);
        return Errno.SUCCESS;
    }

    int prestatGet(GuestMemory memory, long fd, long prestatAt) throws WasiError {
        Directory preopen = preopen(fd);
        memory.zero(prestatAt, PRESTAT_SIZE);
        memory.putU32(prestatAt + 4, name(preopen).length);
        return Errno.SUCCESS;
    }

    int prestatDirName(GuestMemory memory, long fd, long nameAt, long nameLength) throws WasiError {
        byte[] name = name(preopen(fd));
        memory.check(nameAt, nameLength);
        if (nameLength < name.length) {
            return Errno.NAMETOOLONG;
        }
        memory.put(nameAt, name, 0, name.length);
        return Errno.SUCCESS;
    }

    int readdir(GuestMemory memory, long fd, long bufferAt, long bufferLength, long cookie, long usedAt)
            throws WasiError {
        Directory folder = paths.folder(fd);
        memory.check(bufferAt, bufferLength);
        memory.check(usedAt, 4);
        if (cookie < 0) {
            return Errno.INVAL;
        }
        List<String> names = new ArrayList<>(List.of(".", ".."));
        names.addAll(paths.names(folder, cookie));
        long used = 0;
        for (long i = cookie; i < names.size() && used < bufferLength; i++) {
            byte[] entry = dirent(names.get((int) i), i + 1);
            // The last entry may be cut short: a full buffer tells the guest to ask again from its cookie.
            int n = (int) Math.min(entry.length, bufferLength - used);
            memory.put(bufferAt + used, entry, 0, n);
            used += n;
        }
        memory.putU32(usedAt, used);
        return Errno.SUCCESS;
    }

    /** Writes a {@code filestat} record: one link, no times, an inode number of 0. */
    static void putFilestat(GuestMemory memory, long statAt, int fileType, long size) throws WasiError {
        memory.zero(statAt, FILESTAT_SIZE);
        memory.putU8(statAt + 16, fileType);
        memory.putU64(statAt + 24, 1);
        memory.putU64(statAt + 32, size);
    }

    private Directory preopen(long fd) throws WasiError {
        if (table.get(fd) instanceof Directory folder && folder.isPreopen()) {
            return folder;
        }
        throw new WasiError(Errno.BADF);
    }

    private static byte[] name(Directory preopen) {
        return preopen.hostPath().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dirent(String name, long next) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer entry = ByteBuffer.allocate(DIRENT_SIZE + utf8.length).order(ByteOrder.LITTLE_ENDIAN);
        entry.putLong(next);
        // wasi-libc stats every entry whose d_ino is 0, which here would read each file whole
        // through the file service; a stable non-zero number per name spares that.
        entry.putLong((name.hashCode() & 0xFFFF_FFFFL) + 1);
        entry.putInt(utf8.length);
        entry.put((byte) (name.equals(".") || name.equals("..") ? Abi.FILETYPE_DIRECTORY : Abi.FILETYPE_UNKNOWN));
        entry.position(DIRENT_SIZE);
        entry.put(utf8);
        return entry.array();
    }
}
