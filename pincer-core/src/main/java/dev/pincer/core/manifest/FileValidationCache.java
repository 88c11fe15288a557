package dev.pincer.core.manifest;

import dev.pincer.core.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Keeps a {@link ValidationCache} in a text file: a header naming the Pincer version and schema
 * digest it is valid for, then one digest per line.
 *
 * <p>The file is an optimisation only: a missing, unreadable, foreign or corrupt file is treated
 * as empty, and a failure to save it is ignored. Lines that are not digests are dropped. The file
 * is replaced atomically. Thread-safe.
 *
 * @since 0.1.0
 */
public final class FileValidationCache implements ValidationCache {

    /** Most digests kept; beyond this the file starts afresh rather than grow without bound. */
    public static final int CAPACITY = 50_000;

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final Path file;
    private final String header;
    private final Set<String> clean = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean dirty = new AtomicBoolean();

    private FileValidationCache(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Opens the cache in {@code file} for entries made under {@code namespace} (a Pincer version
     * and schema digest); entries made under another namespace are discarded.
     */
    public static FileValidationCache open(Path file, String namespace) {
        FileValidationCache cache = new FileValidationCache(file, "# pincer validated manifests " + namespace);
        cache.load();
        return cache;
    }

    private void load() {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!header.equals(in.readLine())) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null && clean.size() < CAPACITY) {
                if (DIGEST.matcher(line).matches()) {
                    clean.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            // No cache yet.
        } catch (IOException | RuntimeException e) {
            clean.clear();
        }
    }

    @Override
    public boolean isClean(String digest) {
        return clean.contains(digest);
    }

    @Override
    public void recordClean(String digest) {
        if (clean.size() >= CAPACITY) {
            clean.clear();
        }
        if (clean.add(digest)) {
            dirty.set(true);
        }
    }

    /** Writes the file if anything was recorded since it was opened; returns whether it wrote. */
    public boolean save() {
        if (!dirty.getAndSet(false)) {
            return false;
        }
        StringBuilder out = new StringBuilder(header).append('\n');
        clean.forEach(d -> out.append(d).append('\n'));
        try {
            AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
