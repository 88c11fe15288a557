package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads plugin archives and indexes over {@code http} and {@code https} only, with a connect
 * timeout, a read timeout (no byte for that long aborts the download) and a byte limit enforced
 * while streaming.
 *
 * <p>Redirects are followed the JDK's {@code NORMAL} way: only to {@code http} and {@code https},
 * never from {@code https} down to {@code http}. Immutable; each download uses its own client.
 *
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long the server may send nothing, for the answer's headers and between
 *     bytes of its body
 * @since 0.1.0
 */
public record Downloads(Duration connectTimeout, Duration readTimeout) {

    private static final long REPORT_EVERY = 256 * 1024;

    public Downloads {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** Returns the defaults: 15 seconds to connect, 30 seconds of silence at most. */
    public static Downloads defaults() {
        return new Downloads(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    /**
     * Downloads {@code uri} into the new file {@code file} and returns the SHA-256 of its bytes.
     *
     * @throws PincerException naming the URL and what went wrong
     */
    public String toFile(URI uri, Path file, long maxBytes, Progress progress) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            return transfer(uri, out, maxBytes, progress);
        } catch (IOException e) {
            throw failed(uri, "could not be saved to " + file + ": " + e.getMessage());
        }
    }

    /**
     * Downloads {@code uri} into memory.
     *
     * @throws PincerException naming the URL and what went wrong
     */
    public byte[] toBytes(URI uri, long maxBytes, Progress progress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transfer(uri, out, maxBytes, progress);
        return out.toByteArray();
    }

    /**
     * Copies the local archive {@code from} into the new file {@code to} under the same byte limit
     * as a download and returns the SHA-256 of the bytes copied, so what is checked is what is
     * unpacked even if the original changes meanwhile.
     *
     * @throws PincerException when the file is larger than {@code maxBytes} or cannot be read
     */
    static String copy(Path from, Path to, long maxBytes) {
        MessageDigest digest = Digests.sha256();
        long done = 0;
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                done += n;
                if (done > maxBytes) {
                    throw new PincerException(
                            "install.download-too-large",
                            null,
                            from,
                            "archive " + from + " is larger than the limit of " + maxBytes + " bytes for one archive",
                            "a plugin this large is refused; raise the download limit only if you trust the source");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new PincerException(
                    "install.source-missing",
                    null,
                    from,
                    "could not read archive " + from + ": " + e,
                    "check that the file exists and is readable");
        }
        return Digests.hex(digest);
    }

    /** Returns whether {@code uri} is one this class downloads. */
    static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private String transfer(URI uri, OutputStream out, long maxBytes, Progress progress) {
        if (!isHttp(uri)) {
            throw new PincerException(
                    "install.download-scheme",
                    null,
                    null,
                    "cannot download '" + uri + "': only http and https URLs are downloaded",
                    "use an http(s) URL, or a path to a file on this machine");
        }
        progress.step("Downloading " + uri);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("User-Agent", "pincer")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failed(uri, "could not be downloaded: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(uri, "was interrupted while connecting");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failed(uri, "answered HTTP " + response.statusCode() + " instead of the file");
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > maxBytes) {
                throw tooLarge(uri, maxBytes, "announces " + length + " bytes, more than");
            }
            return stream(uri, body, out, maxBytes, length, progress);
        } catch (IOException e) {
            throw failed(uri, "broke off while downloading: " + e);
        }
    }

    private String stream(URI uri, InputStream body, OutputStream out, long maxBytes, long length, Progress progress)
            throws IOException {
        String label = label(uri);
        MessageDigest digest = Digests.sha256();
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pincer-download-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(10, readTimeout.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(
                () -> {
                    if (System.nanoTime() - lastByte.get() > readTimeout.toNanos()
                            && stalled.compareAndSet(false, true)) {
                        closeQuietly(body);
                    }
                },
                tick,
                tick,
                TimeUnit.MILLISECONDS);
        long done = 0;
        long reported = 0;
        try {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                lastByte.set(System.nanoTime());
                done += n;
                if (done > maxBytes) {
                    throw tooLarge(uri, maxBytes, "sent more bytes than");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                if (done - reported >= REPORT_EVERY) {
                    reported = done;
                    progress.bytes(label, done, length);
                }
            }
        } catch (IOException e) {
            if (!stalled.get()) {
                throw e;
            }
        } finally {
            watchdog.shutdownNow();
        }
        if (stalled.get() || length >= 0 && done != length) {
            throw failed(
                    uri,
                    stalled.get()
                            ? "sent nothing for " + readTimeout.toSeconds() + " seconds after " + done + " bytes"
                            : "ended after " + done + " of " + length + " bytes");
        }
        progress.bytes(label, done, length);
        return Digests.hex(digest);
    }

    private static String label(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? uri.getHost() : name;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // The reader sees the stream end and reports the stall; nothing more to say here.
        }
    }

    private static PincerException failed(URI uri, String what) {
        return new PincerException(
                "install.download",
                null,
                null,
                uri + " " + what,
                "check the URL and your network connection, then try again");
    }

    private static PincerException tooLarge(URI uri, long max, String what) {
        return new PincerException(
                "install.download-too-large",
                null,
                null,
                uri + " " + what + " the download limit of " + max + " bytes",
                "a plugin this large is refused; raise the download limit only if you trust the source");
    }
}
