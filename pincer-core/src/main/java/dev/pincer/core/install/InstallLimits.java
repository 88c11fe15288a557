package dev.pincer.core.install;

/**
 * Bounds on what one install may fetch and unpack, so an archive bomb or an endless download is
 * refused instead of filling the disk.
 *
 * @param maxDownloadBytes the most bytes one download may transfer
 * @param maxUnpackedBytes the most bytes all files of one plugin may take once unpacked or copied
 * @param maxEntries the most files and folders one plugin may hold
 * @param maxRatio the most an archive may expand relative to its compressed size
 * @since 0.1.0
 */
public record InstallLimits(long maxDownloadBytes, long maxUnpackedBytes, int maxEntries, int maxRatio) {

    public InstallLimits {
        if (maxDownloadBytes <= 0 || maxUnpackedBytes <= 0 || maxEntries <= 0 || maxRatio <= 0) {
            throw new IllegalArgumentException("install limits must be positive");
        }
    }

    /** Returns the defaults: 256 MiB download, 512 MiB unpacked, 20,000 entries, ratio 200. */
    public static InstallLimits defaults() {
        return new InstallLimits(256L << 20, 512L << 20, 20_000, 200);
    }
}
