package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the entries and bytes one unpacking or copy writes and refuses to go past the {@link
 * InstallLimits}, while streaming, so a lying header or a growing file cannot get past it.
 *
 * <p>Not thread-safe: one budget serves one unpacking on one thread.
 */
final class Budget {

    private static final long REPORT_EVERY = 256 * 1024;

    private final InstallLimits limits;
    private final Progress progress;
    private final Path source;
    private final String label;
    private final long compressedBytes;
    private final long expectedBytes;
    private long bytes;
    private int entries;
    private long reported;

    /**
     * Creates a budget.
     *
     * @param source the archive or folder being unpacked, named in refusals
     * @param label the name progress reports use
     * @param compressedBytes the archive's size for the expansion-ratio check, or {@code -1} for none
     * @param expectedBytes the bytes expected in total for progress, or {@code -1} when not known
     */
    Budget(
            InstallLimits limits,
            Progress progress,
            Path source,
            String label,
            long compressedBytes,
            long expectedBytes) {
        this.limits = limits;
        this.progress = progress;
        this.source = source;
        this.label = label;
        this.compressedBytes = compressedBytes;
        this.expectedBytes = expectedBytes;
    }

    /** Counts one more file or folder, refusing when there are more than the limit allows. */
    void entry(String name) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw tooManyEntries(name);
        }
    }

    /** Refuses up front when {@code declared} entries are more than the limit allows. */
    void declaredEntries(int declared) {
        if (declared > limits.maxEntries()) {
            throw tooManyEntries(null);
        }
    }

    /** Refuses up front when the sizes an archive declares add up to more than the limit allows. */
    void declaredBytes(long declared) {
        if (declared > limits.maxUnpackedBytes()) {
            throw new PincerException(
                    "install.too-large",
                    null,
                    source,
                    source + " declares " + declared + " bytes of files, more than the limit of "
                            + limits.maxUnpackedBytes() + " bytes",
                    "a plugin this large is refused as a likely archive bomb; raise the install limit only"
                            + " if you trust the source");
        }
    }

    /** Copies {@code in} into the new file {@code file}, counting every byte against the budget. */
    void copy(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                add(n);
                out.write(buffer, 0, n);
            }
        }
    }

    /** Reports the final count. */
    void finish() {
        progress.bytes(label, bytes, expectedBytes);
    }

    private void add(int n) {
        bytes += n;
        if (bytes > limits.maxUnpackedBytes()) {
            throw new PincerException(
                    "install.too-large",
                    null,
                    source,
                    source + " holds more than the limit of " + limits.maxUnpackedBytes() + " bytes of files",
                    "a plugin this large is refused as a likely archive bomb; raise the install limit only"
                            + " if you trust the source");
        }
        if (compressedBytes > 0 && bytes > compressedBytes * limits.maxRatio()) {
            throw new PincerException(
                    "install.archive-ratio",
                    null,
                    source,
                    source + " expands to more than " + limits.maxRatio() + " times its size of " + compressedBytes
                            + " bytes",
                    "an archive that expands this much is refused as a likely archive bomb; ask its author"
                            + " for a normal archive");
        }
        if (bytes - reported >= REPORT_EVERY) {
            reported = bytes;
            progress.bytes(label, bytes, expectedBytes);
        }
    }

    private PincerException tooManyEntries(String name) {
        return new PincerException(
                "install.too-many-entries",
                null,
                source,
                source + " holds more than the limit of " + limits.maxEntries() + " files and folders"
                        + (name == null ? "" : " (stopped at '" + name + "')"),
                "a plugin with this many files is refused as a likely archive bomb; raise the install"
                        + " limit only if you trust the source");
    }
}
