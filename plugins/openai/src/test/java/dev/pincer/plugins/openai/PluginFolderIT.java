package dev.pincer.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.Plugin;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.Provider;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.ManifestFormat;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the plugin folder the build assembled in place ({@code plugins/openai}): the manifest,
 * and that {@code lib/*.jar} alone, with only the plugin API shared, runs the provider.
 */
class PluginFolderIT {

    private static final Path FOLDER = Path.of("").toAbsolutePath();

    @TempDir
    Path data;

    private static JsonNode manifest() throws Exception {
        return FakeOpenAi.JSON.readTree(Files.readString(FOLDER.resolve("pincer-plugin.json")));
    }

    @Test
    void declaresAnOptInLazyProviderWhosePermissionsFollowItsConfig() throws Exception {
        JsonNode manifest = manifest();
        assertThat(manifest.path("id").asString()).isEqualTo("openai");
        assertThat(manifest.path("enabledByDefault").asBoolean(true)).isFalse();
        assertThat(manifest.path("activation").path("mode").asString()).isEqualTo("lazy");
        assertThat(manifest.path("runtime").path("main").asString()).isEqualTo(OpenAiPlugin.class.getName());
        assertThat(manifest.path("provides").toString()).isEqualTo("{\"providers\":[\"openai\"]}");
        assertThat(manifest.path("permissions").toString())
                .isEqualTo("{\"network\":[\"${config.base_url}\"],\"env\":[\"${config.api_key_env}\"]}");
    }

    @Test
    void theSchemaDefaultsAreTheProvidersDefaults() throws Exception {
        Map<String, Object> defaults = new HashMap<>();
        manifest().path("config").path("properties").properties().forEach(property -> {
            JsonNode value = property.getValue().path("default");
            if (!value.isMissingNode()) {
                defaults.put(property.getKey(), FakeOpenAi.JSON.treeToValue(value, Object.class));
            }
        });

        assertThat(defaults).containsKeys("base_url", "model", "models", "api_key_env", "timeout", "max_retries");
        assertThat(OpenAiSettings.from(defaults)).isEqualTo(OpenAiSettings.from(Map.of()));
    }

    @Test
    void passesTheHostsManifestChecksWithItsPlaceholdersResolved() throws Exception {
        // Until the host resolves ${config.*} placeholders and knows enabledByDefault, check the rest with
        // the values the defaults resolve to.
        ObjectNode resolved = (ObjectNode) manifest();
        resolved.remove("enabledByDefault");
        ObjectNode permissions = (ObjectNode) resolved.path("permissions");
        permissions.putArray("network").add("api.openai.com");
        permissions.putArray("env").add("OPENAI_API_KEY");

        ManifestReadResult result = ManifestReader.create()
                .parse(
                        FakeOpenAi.JSON.writeValueAsBytes(resolved),
                        ManifestFormat.JSON,
                        FOLDER.resolve("pincer-plugin.json"));

        assertThat(result.diagnostics()).extracting(Diagnostic::message).isEmpty();
        assertThat(result.manifest().provides().providers()).containsExactly("openai");
    }

    @Test
    void runsFromItsLibFolderWithOnlyThePluginApiShared() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(FOLDER.resolve("lib"))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars)
                .extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.startsWith("pincer-plugin-openai-"))
                .anyMatch(n -> n.startsWith("jackson-databind-"))
                .noneMatch(n -> n.startsWith("pincer-api"));

        try (Rig rig = new Rig(data);
                URLClassLoader loader = new PluginLoader(jars)) {
            rig.server.then(FakeOpenAi.completion("{\"role\":\"assistant\",\"content\":\"from the jar\"}", "stop"));
            Plugin plugin = (Plugin)
                    Class.forName(manifest().path("runtime").path("main").asString(), true, loader)
                            .getConstructor()
                            .newInstance();
            assertThat(plugin.getClass().getClassLoader()).isSameAs(loader);
            List<Provider> registered = new CopyOnWriteArrayList<>();

            plugin.activate(OpenAiPluginTest.context(
                    Map.of("base_url", rig.server.baseUrl(), "api_key_env", ""), rig.access(), registered));

            Provider provider = registered.get(0);
            assertThat(provider.chat(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Hi"))))
                            .text())
                    .isEqualTo("from the jar");
        }
    }

    /** Loads from the plugin's jars and the JDK; of the test's class path, only the plugin API. */
    private static final class PluginLoader extends URLClassLoader {

        PluginLoader(List<Path> jars) throws Exception {
            super("openai", urls(jars), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] urls(List<Path> jars) throws Exception {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.pincer.api.")) {
                return Plugin.class.getClassLoader().loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
