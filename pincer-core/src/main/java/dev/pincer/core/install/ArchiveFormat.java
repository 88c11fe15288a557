package dev.pincer.core.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the archive formats a plugin may come in, recognised by file name and confirmed by the
 * first bytes of the file.
 *
 * @since 0.1.0
 */
public enum ArchiveFormat {
    /** A zip file, {@code .zip} or {@code .jar}. */
    ZIP(new byte[] {'P', 'K', 3, 4}, ".zip", ".jar"),
    /** A gzip-compressed tar file, {@code .tar.gz} or {@code .tgz}. */
    TAR_GZ(new byte[] {0x1f, (byte) 0x8b}, ".tar.gz", ".tgz");

    private final byte[] magic;
    private final String[] suffixes;

    ArchiveFormat(byte[] magic, String... suffixes) {
        this.magic = magic;
        this.suffixes = suffixes;
    }

    /** Returns the file name endings of this format, e.g. {@code .tar.gz}. */
    public String suffixes() {
        return String.join(", ", suffixes);
    }

    /** Returns the format a file name (or a URL's path) says, if it ends like an archive. */
    public static Optional<ArchiveFormat> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ArchiveFormat format : values()) {
            for (String suffix : format.suffixes) {
                if (lower.endsWith(suffix)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the format the first bytes of {@code file} show, if they are an archive's. */
    public static Optional<ArchiveFormat> byMagic(Path file) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        for (ArchiveFormat format : values()) {
            if (read >= format.magic.length && startsWith(head, format.magic)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Returns the archive file name endings accepted, for messages. */
    static String allSuffixes() {
        return ".zip, .jar, .tar.gz, .tgz";
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
