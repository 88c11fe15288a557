package dev.pincer.core.install;

import static dev.pincer.core.install.Fixtures.Entry.file;
import static dev.pincer.core.install.Fixtures.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads of archives and indexes from a real local HTTP server. */
class HttpSourceTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private Path staging;

    @BeforeEach
    void start() throws IOException {
        staging = dir.resolve("staging");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/files/", this::serve);
        server.createContext("/chunked/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath().substring("/chunked/".length()));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stall/", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            sleep(5000);
            exchange.close();
        });
        server.createContext("/to-file/x.zip", exchange -> redirect(exchange, "file:///etc/passwd"));
        server.createContext("/moved/hello.zip", exchange -> redirect(exchange, "/files/hello.zip"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = files.get(exchange.getRequestURI().getPath().substring("/files/".length()));
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + path;
    }

    private byte[] helloZip() throws IOException {
        Path zip = Fixtures.zip(
                dir.resolve("hello.zip"),
                file("pincer-plugin.json", MANIFEST),
                Fixtures.Entry.bytes("b.bin", Fixtures.random(400_000)));
        return Files.readAllBytes(zip);
    }

    private Fetched fetch(String source, List<String> indexes, InstallLimits limits, Progress progress) {
        return Sources.fetch(
                new SourceRequest(source, null, false, indexes),
                staging,
                limits,
                progress,
                new Downloads(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private Fetched fetch(String source, List<String> indexes) {
        return fetch(source, indexes, InstallLimits.defaults(), Progress.SILENT);
    }

    @Test
    void downloadsAndUnpacksAnArchiveUrlReportingProgress() throws IOException {
        byte[] zip = helloZip();
        files.put("hello.zip", zip);
        Fixtures.Recording progress = new Fixtures.Recording();

        Fetched fetched = fetch(url("/files/hello.zip"), List.of(), InstallLimits.defaults(), progress);

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.ARCHIVE);
        assertThat(fetched.source()).isEqualTo(url("/files/hello.zip"));
        assertThat(fetched.digest()).isEqualTo(Digests.sha256(zip));
        assertThat(Files.readString(fetched.folder().resolve("pincer-plugin.json")))
                .isEqualTo(MANIFEST);
        assertThat(progress.steps).containsExactly("Downloading " + url("/files/hello.zip"), "Unpacking hello.zip");
        assertThat(progress.bytes).anySatisfy(b -> assertThat(b).containsExactly(zip.length, zip.length));
        assertThat(Fixtures.tree(staging)).doesNotContain("download");
    }

    @Test
    void followsRedirectsOnlyToHttp() throws IOException {
        files.put("hello.zip", helloZip());

        assertThat(fetch(url("/moved/hello.zip"), List.of()).kind()).isEqualTo(Fetched.Kind.ARCHIVE);
        Trees.delete(staging);
        assertThatThrownBy(() -> fetch(url("/to-file/x.zip"), List.of()))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.download"))
                .hasMessage(url("/to-file/x.zip") + " answered HTTP 302 instead of the file");
        assertThatThrownBy(
                        () -> Downloads.defaults().toBytes(URI.create("ftp://example.org/x.zip"), 10, Progress.SILENT))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.download-scheme"))
                .hasMessage("cannot download 'ftp://example.org/x.zip': only http and https URLs are downloaded");
    }

    @Test
    void refusesDownloadsLargerThanTheLimitAnnouncedOrStreamed() throws IOException {
        files.put("hello.zip", helloZip());
        InstallLimits limits = new InstallLimits(100_000, 1 << 20, 100, 200);

        assertThatThrownBy(() -> fetch(url("/files/hello.zip"), List.of(), limits, Progress.SILENT))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.download-too-large"))
                .hasMessageContaining("announces " + files.get("hello.zip").length
                        + " bytes, more than the download limit of 100000 bytes");
        assertThatThrownBy(() -> fetch(url("/chunked/hello.zip"), List.of(), limits, Progress.SILENT))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.download-too-large"))
                .hasMessage(url("/chunked/hello.zip") + " sent more bytes than the download limit of 100000 bytes");
        assertThat(Fixtures.tree(staging)).isEmpty();
    }

    @Test
    void abortsADownloadThatStalls() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> fetch(url("/stall/x.zip"), List.of()))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.code()).isEqualTo("install.download"))
                .hasMessage(url("/stall/x.zip") + " sent nothing for 1 seconds after 10 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> fetch(url("/files/gone.zip"), List.of()))
                .isInstanceOfSatisfying(
                        PincerException.class, e -> assertThat(e.hint()).contains("check the URL"))
                .hasMessage(url("/files/gone.zip") + " answered HTTP 404 instead of the file");
    }

    @Test
    void installsTheNewestVersionFromAnHttpIndexWithRelativeUrls() throws IOException {
        byte[] zip = helloZip();
        files.put("hello-1.2.0.zip", zip);
        files.put(
                "index.json",
                PluginIndexTest.index(PluginIndexTest.plugin(
                                "hello",
                                "Hello",
                                "Greets",
                                PluginIndexTest.version("1.0.0", "missing.zip", PluginIndexTest.SHA),
                                PluginIndexTest.version("1.2.0", "hello-1.2.0.zip", Digests.sha256(zip))))
                        .getBytes(StandardCharsets.UTF_8));

        Fetched fetched = fetch("hello", List.of(url("/files/index.json")));

        assertThat(fetched.kind()).isEqualTo(Fetched.Kind.INDEX);
        assertThat(fetched.source()).isEqualTo("hello@1.2.0 from " + url("/files/index.json"));
        assertThat(fetched.digest()).isEqualTo(Digests.sha256(zip));
        assertThat(fetched.folder().resolve("pincer-plugin.json")).exists();
    }

    @Test
    void refusesAnArchiveWhoseDigestDiffersFromTheIndexAndPlacesNothing() throws IOException {
        files.put("hello-1.2.0.zip", helloZip());
        files.put(
                "index.json",
                PluginIndexTest.index(PluginIndexTest.plugin(
                                "hello",
                                "Hello",
                                "Greets",
                                PluginIndexTest.version("1.2.0", "hello-1.2.0.zip", PluginIndexTest.SHA)))
                        .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> fetch("hello@1.2.0", List.of(url("/files/index.json"))))
                .isInstanceOfSatisfying(PincerException.class, e -> {
                    assertThat(e.code()).isEqualTo("install.digest-mismatch");
                    assertThat(e.pluginId()).isEqualTo("hello");
                    assertThat(e.hint()).startsWith("nothing was installed");
                })
                .hasMessage("the archive of hello 1.2.0 downloaded from " + url("/files/hello-1.2.0.zip")
                        + " has SHA-256 "
                        + Digests.sha256(files.get("hello-1.2.0.zip")) + ", but index " + url("/files/index.json")
                        + " lists " + PluginIndexTest.SHA);
        assertThat(Fixtures.tree(staging)).isEmpty();
    }
}
