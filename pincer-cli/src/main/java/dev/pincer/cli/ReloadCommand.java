package dev.pincer.cli;

import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.GatewaySettings;
import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pincer plugins reload <id>}: asks the running gateway to load a new generation of a
 * plugin from disk and swap it in, as saving the plugin's files would.
 *
 * @since 0.1.0
 */
@Command(
        name = "reload",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Reload a plugin in the running gateway: its new version is activated beside the running one and swapped"
                    + " in; calls already running finish on the old one.",
            "If the new version fails, the running one keeps serving and the reason is printed (exit 1).",
            "Plugins that depend on it are reloaded with it. The gateway is found at [gateway] host and port of"
                    + " config.toml, or --url."
        })
final class ReloadCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand group;

    @Parameters(paramLabel = "ID", description = "The plugin to reload.")
    String id;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The gateway's address, e.g. http://127.0.0.1:7433 (default: from [gateway] in config.toml).")
    URI url;

    @Override
    public Integer call() throws InterruptedException {
        PincerCommand top = group.top;
        GatewaySettings gateway =
                ConfigLoader.create().load(top.layout()).config().gateway();
        URI base = url != null ? url : URI.create("http://" + hostForUrl(gateway.host()) + ":" + gateway.port());
        URI target = base.resolve("/api/plugins/" + id + "/reload");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody());
        if (gateway.tokenEnv() != null && top.env().get(gateway.tokenEnv()) != null) {
            request.header("Authorization", "Bearer " + top.env().get(gateway.tokenEnv()));
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new PincerException(
                    "reload.no-gateway",
                    id,
                    null,
                    "no Pincer gateway is running at " + base + ", so there is nothing to reload",
                    "start one with `pincer gateway` (it also reloads plugins by itself when their files change),"
                            + " or pass --url if it listens elsewhere");
        } catch (IOException e) {
            throw new PincerException(
                    "reload.no-gateway",
                    id,
                    null,
                    "cannot reach the gateway at " + base + ": " + e.getMessage(),
                    "check that `pincer gateway` runs and listens there");
        }
        JsonNode body;
        try {
            body = JsonMapper.builder().build().readTree(response.body());
        } catch (RuntimeException e) {
            throw new PincerException(
                    "reload.bad-answer",
                    id,
                    null,
                    "the server at " + base + " answered HTTP " + response.statusCode() + " with something that is"
                            + " not a Pincer reload report",
                    "check that --url points at a Pincer gateway");
        }
        if (body.has("error")) {
            top.err().println("error: " + body.path("error").asString());
            return 1;
        }
        body.path("lines").forEach(line -> top.out().println(line.asString()));
        return response.statusCode() == 200 ? 0 : 1;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
