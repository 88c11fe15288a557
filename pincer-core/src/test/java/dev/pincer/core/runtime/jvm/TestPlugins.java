package dev.pincer.core.runtime.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.PluginContext;
import dev.pincer.core.Fixtures;
import dev.pincer.core.manifest.ManifestReadResult;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.RuntimeSpec;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

/** Writes and reads real plugin manifests, and stands in for the host's context. */
final class TestPlugins {

    private static final ManifestReader READER = ManifestReader.create();

    private TestPlugins() {}

    /** Writes {@code folder/pincer-plugin.json} with the given id and runtime object, and reads it. */
    static PluginManifest manifest(Path folder, String id, String runtimeJson) {
        return manifest(folder, id, runtimeJson, "");
    }

    /** Like {@link #manifest(Path, String, String)} with extra top-level JSON members. */
    static PluginManifest manifest(Path folder, String id, String runtimeJson, String extraMembers) {
        ManifestReadResult result = read(folder, id, runtimeJson, extraMembers);
        assertThat(result.diagnostics()).isEmpty();
        return result.manifest();
    }

    /** Writes and reads a manifest, valid or not. */
    static ManifestReadResult read(Path folder, String id, String runtimeJson, String extraMembers) {
        String extra = extraMembers.isBlank() ? "" : ", " + extraMembers;
        String json = "{\"id\": \"" + id + "\", \"version\": \"1.0.0\", \"runtime\": " + runtimeJson + extra + "}";
        return READER.read(Fixtures.file(folder.resolve("pincer-plugin.json"), json));
    }

    /** Returns {@code manifest} with its runtime replaced, as no manifest file could state it. */
    static PluginManifest withRuntime(PluginManifest m, RuntimeSpec runtime) {
        return new PluginManifest(
                m.id(),
                m.name(),
                m.version(),
                m.description(),
                m.license(),
                m.homepage(),
                m.hostRange(),
                runtime,
                m.provides(),
                m.dependencies(),
                m.permissions(),
                m.resources(),
                m.configSchema(),
                m.activation(),
                m.enabledByDefault(),
                m.document());
    }

    /** Returns a context that answers {@code pluginId()} and {@code null} to everything else. */
    static PluginContext context(String pluginId) {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> method.getName().equals("pluginId") ? pluginId : null);
    }
}
