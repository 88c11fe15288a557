package dev.pincer.wasm.wasi;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a guest path against a folder descriptor into the host path handed to the file
 * service. Refused with {@link Errno#NOTCAPABLE}: absolute paths and paths whose {@code ..} climbs
 * above the folder, as wasmtime refuses them; the file service would refuse an escape too, but a
 * climb that lands in another granted root is still not the guest's to make. Stateless.
 */
final class GuestPath {

    private GuestPath() {}

    /**
     * Returns the host path of {@code guest} under {@code folder}.
     *
     * @param folder the folder descriptor's host path
     * @param guest the path the guest passed
     * @param calls where a refusal is noticed
     * @throws WasiError {@code ENOENT} for an empty path, {@code EINVAL} for a NUL byte, {@code
     *     ENOTCAPABLE} for an absolute path or a climb above {@code folder}
     */
    static String resolve(String folder, String guest, FileCalls calls) throws WasiError {
        if (guest.isEmpty()) {
            throw new WasiError(Errno.NOENT);
        }
        if (guest.indexOf('\0') >= 0) {
            throw new WasiError(Errno.INVAL);
        }
        if (guest.startsWith("/")) {
            calls.notice("WASI path '" + guest + "' is absolute; open it relative to a preopened folder");
            throw new WasiError(Errno.NOTCAPABLE);
        }
        Deque<String> names = new ArrayDeque<>();
        for (String name : guest.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (!name.equals("..")) {
                names.addLast(name);
            } else if (names.pollLast() == null) {
                calls.notice("WASI path '" + guest + "' climbs above the folder " + folder
                        + " it is opened from; open it from a preopened folder that holds it");
                throw new WasiError(Errno.NOTCAPABLE);
            }
        }
        if (names.isEmpty()) {
            return folder;
        }
        try {
            return Path.of(folder).resolve(String.join("/", names)).toString();
        } catch (InvalidPathException e) {
            throw new WasiError(Errno.INVAL);
        }
    }
}
