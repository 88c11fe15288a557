package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a plugin archive ({@code .zip}, {@code .jar}, {@code .tar.gz}, {@code .tgz}) into a new
 * folder, refusing anything that could write outside it or fill the disk.
 *
 * <p>Refused, with nothing written outside the target: entries whose names climb out ({@code ..})
 * or are absolute ({@code /etc/x}, {@code C:\x}, {@code \\server\x}; any backslash is refused);
 * every symbolic and hard link, whether it points inside or outside (links are never needed by a
 * plugin and refusing them all leaves no way to redirect a later write); devices, FIFOs and other
 * special entries; two entries with the same name (compared ignoring case, so none overwrites
 * another on a case-insensitive disk); more entries than {@link InstallLimits#maxEntries()}; more
 * bytes than {@link InstallLimits#maxUnpackedBytes()} (counted while writing, never trusting
 * headers); expanding more than {@link InstallLimits#maxRatio()} times the archive's size; and
 * damaged or truncated archives. On a refusal the target may hold part of the archive; the caller
 * deletes its staging folder.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Archives {

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIR = 0040000;
    private static final int TYPE_LINK = 0120000;

    private Archives() {}

    /**
     * Unpacks {@code archive} in {@code format} into {@code target}, a folder that must not exist yet.
     *
     * @throws PincerException naming the archive and the entry refused, with a hint
     */
    public static void unpack(
            Path archive, ArchiveFormat format, Path target, InstallLimits limits, Progress progress) {
        progress.step("Unpacking " + archive.getFileName());
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(target);
            long size = Files.size(archive);
            if (format == ArchiveFormat.ZIP) {
                unzip(archive, size, target, limits, progress);
            } else {
                untar(archive, size, target, limits, progress);
            }
        } catch (FileAlreadyExistsException e) {
            throw new PincerException(
                    "install.archive-duplicate",
                    null,
                    archive,
                    "archive " + archive + " has entries that overwrite each other at '"
                            + target.relativize(Path.of(e.getFile())) + "' (a file and a folder of the same name)",
                    "an archive whose entries overwrite each other is refused as unsafe; ask its author for"
                            + " an archive with each file once");
        } catch (IOException e) {
            throw new PincerException(
                    "install.archive-corrupt",
                    null,
                    archive,
                    "archive " + archive + " is damaged or truncated and cannot be unpacked: " + e.getMessage(),
                    "download it again, or ask its author for a new one");
        }
    }

    private static void unzip(Path archive, long size, Path target, InstallLimits limits, Progress progress)
            throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            long declared = 0;
            for (ZipArchiveEntry entry : entries) {
                declared += Math.max(0, entry.getSize());
            }
            Budget budget =
                    new Budget(limits, progress, archive, archive.getFileName().toString(), size, declared);
            budget.declaredEntries(entries.size());
            budget.declaredBytes(declared);
            Set<String> seen = new HashSet<>();
            for (ZipArchiveEntry entry : entries) {
                budget.entry(entry.getName());
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_MASK : 0;
                if (type == TYPE_LINK || entry.isUnixSymlink()) {
                    throw link(archive, entry.getName(), "a symbolic link");
                }
                if (type != 0 && type != TYPE_FILE && type != TYPE_DIR) {
                    throw special(
                            archive, entry.getName(), "a special file (unix mode " + Integer.toOctalString(type) + ")");
                }
                Path to = place(archive, target, entry.getName(), seen);
                if (to == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new PincerException(
                            "install.archive-unsupported",
                            null,
                            archive,
                            "archive " + archive + " stores '" + entry.getName()
                                    + "' encrypted or with a compression method Pincer cannot read",
                            "repack the archive with plain deflate compression and no password");
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    budget.copy(in, to);
                }
                executable(to, type == TYPE_FILE ? entry.getUnixMode() : 0);
            }
            budget.finish();
        }
    }

    private static void untar(Path archive, long size, Path target, InstallLimits limits, Progress progress)
            throws IOException {
        Budget budget =
                new Budget(limits, progress, archive, archive.getFileName().toString(), size, -1);
        Set<String> seen = new HashSet<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                GzipCompressorInputStream gzip = GzipCompressorInputStream.builder()
                        .setInputStream(file)
                        .setDecompressConcatenated(true)
                        .get();
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                budget.entry(name);
                if (entry.isSymbolicLink()) {
                    throw link(archive, name, "a symbolic link to '" + entry.getLinkName() + "'");
                }
                if (entry.isLink()) {
                    throw link(archive, name, "a hard link to '" + entry.getLinkName() + "'");
                }
                byte flag = entry.getLinkFlag();
                boolean regular = flag == TarConstants.LF_NORMAL
                        || flag == TarConstants.LF_OLDNORM
                        || flag == TarConstants.LF_CONTIG;
                if (!entry.isDirectory() && !regular || entry.isSparse()) {
                    throw special(archive, name, describe(entry));
                }
                Path to = place(archive, target, name, seen);
                if (to == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                budget.copy(tar, to);
                executable(to, entry.getMode());
            }
        }
        budget.finish();
    }

    /**
     * Returns where entry {@code name} goes inside {@code target}, or {@code null} for the archive's
     * root folder entry ({@code ./}).
     */
    private static Path place(Path archive, Path target, String name, Set<String> seen) {
        String relative = relative(archive, name);
        if (relative.isEmpty()) {
            return null;
        }
        if (!seen.add(relative.toLowerCase(Locale.ROOT))) {
            throw new PincerException(
                    "install.archive-duplicate",
                    null,
                    archive,
                    "archive " + archive + " holds '" + name + "' twice (names are compared ignoring case)",
                    "an archive whose entries overwrite each other is refused as unsafe; ask its author for"
                            + " an archive with each file once");
        }
        Path to = target.resolve(relative).normalize();
        if (!to.startsWith(target) || Files.isSymbolicLink(to.getParent())) {
            throw unsafe(archive, name, "points outside the plugin folder");
        }
        return to;
    }

    /** Returns the entry's path with {@code /} separators and no empty or {@code .} segments. */
    static String relative(Path archive, String name) {
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw unsafe(archive, name, "contains a backslash or NUL character");
        }
        if (name.startsWith("/") || name.length() >= 2 && name.charAt(1) == ':') {
            throw unsafe(archive, name, "is an absolute path");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(archive, name, "climbs out of the plugin folder with '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.indexOf(':') >= 0) {
                throw unsafe(archive, name, "contains ':', which names a drive or stream on Windows");
            }
            out.append(out.length() == 0 ? "" : "/").append(segment);
        }
        return out.toString();
    }

    private static void executable(Path file, int mode) throws IOException {
        if ((mode & 0111) == 0 || !Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions =
                EnumSet.copyOf(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
    }

    private static String describe(TarArchiveEntry entry) {
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "a device";
        }
        if (entry.isFIFO()) {
            return "a FIFO";
        }
        return entry.isSparse() ? "a sparse file" : "a special entry of type '" + (char) entry.getLinkFlag() + "'";
    }

    private static PincerException unsafe(Path archive, String name, String why) {
        return new PincerException(
                "install.archive-unsafe-path",
                null,
                archive,
                "archive " + archive + " has an entry '" + name + "' that " + why,
                "the archive is refused as unsafe and nothing was installed; ask its author for an archive"
                        + " whose entries are relative paths inside the plugin");
    }

    private static PincerException link(Path archive, String name, String what) {
        return new PincerException(
                "install.archive-link",
                null,
                archive,
                "archive " + archive + " has an entry '" + name + "' that is " + what
                        + "; Pincer refuses every link in a plugin archive",
                "ask its author to put the file itself in the archive instead of a link");
    }

    private static PincerException special(Path archive, String name, String what) {
        return new PincerException(
                "install.archive-special",
                null,
                archive,
                "archive " + archive + " has an entry '" + name + "' that is " + what + ", not a file or folder",
                "a plugin archive may hold only files and folders; ask its author for a new archive");
    }
}
