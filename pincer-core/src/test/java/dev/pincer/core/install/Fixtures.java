package dev.pincer.core.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds real archives, folders and a recording progress for the install tests. */
final class Fixtures {

    static final String MANIFEST = "{\"id\": \"hello\", \"version\": \"1.0.0\"}";

    private Fixtures() {}

    /** What an archive entry is. */
    enum Type {
        FILE,
        DIR,
        SYMLINK,
        HARDLINK,
        FIFO,
        CHAR_DEVICE
    }

    /** One archive entry: a name, its content (or link target) and type. */
    record Entry(String name, byte[] content, Type type, int mode) {
        static Entry file(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.UTF_8), Type.FILE, 0644);
        }

        static Entry bytes(String name, byte[] content) {
            return new Entry(name, content, Type.FILE, 0644);
        }

        static Entry executable(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.UTF_8), Type.FILE, 0755);
        }

        static Entry dir(String name) {
            return new Entry(name, new byte[0], Type.DIR, 0755);
        }

        static Entry link(String name, String target, Type type) {
            return new Entry(name, target.getBytes(StandardCharsets.UTF_8), type, 0777);
        }
    }

    /** Writes a zip with {@code entries}, unix modes set. */
    static Path zip(Path file, Entry... entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.type() == Type.DIR ? e.name() + "/" : e.name());
                int kind = e.type() == Type.SYMLINK
                        ? 0120000
                        : e.type() == Type.DIR ? 0040000 : e.type() == Type.FIFO ? 0010000 : 0100000;
                entry.setUnixMode(kind | e.mode());
                zip.putArchiveEntry(entry);
                zip.write(e.content());
                zip.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Writes a gzip-compressed tar with {@code entries}. */
    static Path tarGz(Path file, Entry... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry =
                        switch (e.type()) {
                            case FILE -> new TarArchiveEntry(e.name(), true);
                            case DIR -> new TarArchiveEntry(e.name() + "/");
                            case SYMLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK);
                            case HARDLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_LINK);
                            case FIFO -> new TarArchiveEntry(e.name(), TarConstants.LF_FIFO);
                            case CHAR_DEVICE -> new TarArchiveEntry(e.name(), TarConstants.LF_CHR);
                        };
                if (e.type() == Type.SYMLINK || e.type() == Type.HARDLINK) {
                    entry.setLinkName(new String(e.content(), StandardCharsets.UTF_8));
                } else if (e.type() == Type.FILE) {
                    entry.setSize(e.content().length);
                }
                entry.setMode((entry.getMode() & ~0777) | e.mode());
                tar.putArchiveEntry(entry);
                if (e.type() == Type.FILE) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Returns {@code size} random bytes, which do not compress. */
    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Writes a plugin folder with a manifest and a tool file. */
    static Path pluginFolder(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("pincer-plugin.json"), MANIFEST);
        Files.writeString(folder.resolve("lib/tool.txt"), "tool");
        return folder;
    }

    /** Returns every path under {@code root}, relative, sorted, with '/' separators. */
    static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !p.equals(root))
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        out.sort(null);
        return out;
    }

    /** A progress that records what it was told. */
    static final class Recording implements Progress {
        final List<String> steps = new ArrayList<>();
        final List<long[]> bytes = new ArrayList<>();

        @Override
        public void step(String message) {
            steps.add(message);
        }

        @Override
        public void bytes(String label, long done, long total) {
            bytes.add(new long[] {done, total});
        }
    }
}
