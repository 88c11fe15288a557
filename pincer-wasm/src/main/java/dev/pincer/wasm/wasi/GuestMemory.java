package dev.pincer.wasm.wasi;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's linear memory as host functions see it: every address and length is an unsigned 32-bit
 * value from the guest and is checked against the memory's current size before it is touched, so a
 * bad pointer gives {@link Errno#FAULT} instead of an exception in the host.
 *
 * <p>Not thread-safe; made for one host-function call.
 */
final class GuestMemory {

    /** The most iovecs one call may pass, as POSIX {@code IOV_MAX}. */
    static final int MAX_IOVECS = 1024;

    private final Memory memory;
    private final long size;

    GuestMemory(Instance instance) {
        this.memory = instance.memory();
        this.size = memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
    }

    /** One guest buffer of a scatter/gather list. */
    record Iovec(long address, long length) {}

    /** Fails with {@link Errno#FAULT} unless {@code [address, address + length)} lies inside memory. */
    void check(long address, long length) throws WasiError {
        if (address < 0 || length < 0 || address > size || length > size - address) {
            throw new WasiError(Errno.FAULT);
        }
    }

    long u32(long address) throws WasiError {
        check(address, 4);
        return memory.readU32((int) address);
    }

    void putU8(long address, int value) throws WasiError {
        check(address, 1);
        memory.writeByte((int) address, (byte) value);
    }

    void putU16(long address, int value) throws WasiError {
        check(address, 2);
        memory.writeShort((int) address, (short) value);
    }

    void putU32(long address, long value) throws WasiError {
        check(address, 4);
        memory.writeI32((int) address, (int) value);
    }

    void putU64(long address, long value) throws WasiError {
        check(address, 8);
        memory.writeLong((int) address, value);
    }

    byte[] bytes(long address, long length) throws WasiError {
        check(address, length);
        return memory.readBytes((int) address, (int) length);
    }

    void put(long address, byte[] bytes, int offset, int length) throws WasiError {
        check(address, length);
        memory.write((int) address, bytes, offset, length);
    }

    void zero(long address, long length) throws WasiError {
        check(address, length);
        memory.fill((byte) 0, (int) address, (int) (address + length));
    }

    /** Returns the UTF-8 string at {@code address}; malformed UTF-8 gives {@link Errno#ILSEQ}. */
    String utf8(long address, long length) throws WasiError {
        byte[] raw = bytes(address, length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(Errno.ILSEQ);
        }
    }

    /** Returns the {@code count} iovecs at {@code address}, each buffer checked against memory. */
    List<Iovec> iovecs(long address, long count) throws WasiError {
        if (count > MAX_IOVECS) {
            throw new WasiError(Errno.INVAL);
        }
        check(address, count * 8);
        List<Iovec> iovecs = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            Iovec iovec = new Iovec(u32(address + i * 8), u32(address + i * 8 + 4));
            check(iovec.address(), iovec.length());
            iovecs.add(iovec);
        }
        return iovecs;
    }
}
