package dev.pincer.plugins.openai;

import dev.pincer.core.guards.PluginAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake OpenAI server on loopback, the host's real guards allowing it as a private host, and
 * providers configured against it; the waits between attempts are recorded instead of slept.
 */
final class Rig implements AutoCloseable {

    static final String KEY = "sk-test-0123456789";

    final FakeOpenAi server;
    final GuardedHost host;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** Starts a server and guards that allow it as a private host and hold the key in OPENAI_API_KEY. */
    Rig(Path data) throws IOException {
        this(data, true, Map.of("OPENAI_API_KEY", KEY));
    }

    Rig(Path data, boolean allowPrivate, Map<String, String> environment) throws IOException {
        server = new FakeOpenAi();
        host = new GuardedHost(allowPrivate ? Set.of(server.hostPort()) : Set.of(), environment, data);
    }

    /** Returns the plugin's services as approved from its manifest: base_url's host and the key variable. */
    PluginAccess access() {
        return host.plugin(List.of(server.hostPort()), Set.of("OPENAI_API_KEY"));
    }

    /** Returns a provider with {@code base_url} pointing at the server and the given other settings. */
    OpenAiProvider provider(Object... config) {
        return provider(access(), config);
    }

    OpenAiProvider provider(PluginAccess access, Object... config) {
        List<Object> all = new ArrayList<>(List.of("base_url", server.baseUrl()));
        all.addAll(List.of(config));
        Map<String, Object> settings = FakeOpenAi.config(all.toArray());
        return new OpenAiProvider(
                OpenAiSettings.from(settings), access.http(), access.env(), sleeps::add, Clock.systemUTC());
    }

    @Override
    public void close() {
        host.close();
        server.close();
    }
}
