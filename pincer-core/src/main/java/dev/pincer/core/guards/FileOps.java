package dev.pincer.core.guards;

import dev.pincer.core.guards.SecureWalk.Located;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file operations themselves, each on a name inside a folder opened by {@link SecureWalk}:
 * reads open the file with {@code O_NOFOLLOW} through the folder's descriptor, writes go to a new
 * temporary file in the same folder and are renamed over the target.
 *
 * <p><b>Hard links.</b> A regular file with more than one link is refused for reading, since one of
 * its other names may lie outside the root. Java cannot read the link count through an open
 * descriptor, so it is read by path ({@code unix:nlink}) and trusted only when that path's file key
 * (device and inode) equals the one seen through the secure folder before the open; after the open
 * the file key is read again and must still match. Residual risk: someone who can write in the
 * granted folder could rename a hard-linked file in after the second check and rename it away
 * again, or add a link after the check; plugins themselves cannot create links through this
 * service. Writes replace the name, so they never write through a hard link.
 *
 * <p>Stateless and thread-safe.
 */
final class FileOps {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);

    private FileOps() {}

    static byte[] read(Located at, Path byPath, long max) throws Denial, IOException {
        BasicFileAttributes before = existing(at);
        if (before.isSymbolicLink()) {
            throw SecureWalk.symbolicLink(at.shown(), at.name());
        }
        if (!before.isRegularFile()) {
            throw new IOException(at.shown() + " is not a regular file");
        }
        checkSingleLink(at, byPath, before);
        if (before.size() > max) {
            throw tooLarge(at.shown(), max);
        }
        try (SeekableByteChannel channel = at.folder().newByteChannel(at.name(), READ)) {
            BasicFileAttributes after = existing(at);
            if (!Objects.equals(before.fileKey(), after.fileKey())) {
                throw new Denial(at.shown(), "the file was replaced while it was being opened");
            }
            return readAll(channel, at.shown(), max);
        }
    }

    static void write(Located at, byte[] content, long max) throws Denial, IOException {
        if (content.length > max) {
            throw tooLarge(at.shown(), max);
        }
        BasicFileAttributes existing = at.attributes();
        if (existing != null && existing.isSymbolicLink()) {
            throw SecureWalk.symbolicLink(at.shown(), at.name());
        }
        if (existing != null && existing.isDirectory()) {
            throw new IOException(at.shown() + " is a folder, not a file");
        }
        SecureDirectoryStream<Path> folder = at.folder();
        Path temp = at.name()
                .resolveSibling("." + at.name() + "."
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (SeekableByteChannel channel = folder.newByteChannel(temp, CREATE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (channel instanceof FileChannel file) {
                    file.force(true);
                }
            }
            if (existing != null) {
                keepPermissions(folder, at.name(), temp);
            }
            folder.move(temp, folder, at.name());
        } catch (IOException | RuntimeException e) {
            try {
                folder.deleteFile(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    static List<String> list(Located at) throws Denial, IOException {
        BasicFileAttributes attributes = existing(at);
        if (attributes.isSymbolicLink()) {
            throw SecureWalk.symbolicLink(at.shown(), at.name());
        }
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(at.shown());
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> inside = at.folder().newDirectoryStream(at.name(), LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : inside) {
                names.add(entry.getFileName().toString());
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    static boolean delete(Located at) throws Denial, IOException {
        BasicFileAttributes attributes = at.attributes();
        if (attributes == null) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw SecureWalk.symbolicLink(at.shown(), at.name());
        }
        try {
            if (attributes.isDirectory()) {
                at.folder().deleteDirectory(at.name());
            } else {
                at.folder().deleteFile(at.name());
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return true;
    }

    private static void checkSingleLink(Located at, Path byPath, BasicFileAttributes before)
            throws Denial, IOException {
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(byPath, "unix:nlink,fileKey", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException(
                    "this platform cannot report link counts for " + at.shown()
                            + ", so Pincer cannot rule out a hard link; file access is refused",
                    e);
        }
        if (!Objects.equals(unix.get("fileKey"), before.fileKey())) {
            throw new Denial(at.shown(), "the file was replaced while it was being checked");
        }
        Object links = unix.get("nlink");
        if (!(links instanceof Integer count) || count != 1) {
            throw new Denial(
                    at.shown(),
                    "the file has " + links + " hard links, and another of its names may lie outside the"
                            + " granted root; Pincer reads only files with a single link");
        }
    }

    private static BasicFileAttributes existing(Located at) throws IOException {
        BasicFileAttributes attributes = at.attributes();
        if (attributes == null) {
            throw new NoSuchFileException(at.shown());
        }
        return attributes;
    }

    private static byte[] readAll(SeekableByteChannel channel, String shown, long max) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max + 1, 64 * 1024));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long total = 0;
        for (int n; (n = channel.read(buffer.clear())) != -1; ) {
            total += n;
            if (total > max) {
                throw tooLarge(shown, max);
            }
            out.write(buffer.array(), 0, n);
        }
        return out.toByteArray();
    }

    private static void keepPermissions(SecureDirectoryStream<Path> folder, Path from, Path to) throws IOException {
        PosixFileAttributeView source =
                folder.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView target =
                folder.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (source != null && target != null) {
            Set<PosixFilePermission> permissions = source.readAttributes().permissions();
            target.setPermissions(permissions);
        }
    }

    private static IOException tooLarge(String shown, long max) {
        return new IOException(shown + " is larger than the limit of " + max + " bytes (maxFileBytes)");
    }
}
