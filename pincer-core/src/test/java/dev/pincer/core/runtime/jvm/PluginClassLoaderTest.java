package dev.pincer.core.runtime.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.Plugin;
import dev.pincer.core.manifest.PluginManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {

    private final JvmRuntime runtime = JvmRuntime.create();
    private final List<LoadedPlugin> loaded = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void unloadAll() {
        Collections.reverse(loaded);
        loaded.forEach(plugin -> assertThat(plugin.unload()).isEmpty());
    }

    private LoadedPlugin load(PluginManifest manifest, Path folder, Map<String, PluginClassLoader> dependencies) {
        LoadedPlugin plugin = runtime.load(manifest, folder, dependencies);
        loaded.add(plugin);
        return plugin;
    }

    /** A plugin whose toString() reports what {@code expression} evaluates to. */
    private static String reporter(String pkg, String expression) {
        return "package " + pkg + ";\n"
                + "public class Main implements dev.pincer.api.Plugin {\n"
                + "    @Override public void activate(dev.pincer.api.PluginContext context) {}\n"
                + "    @Override public String toString() { return String.valueOf(" + expression + "); }\n"
                + "}\n";
    }

    private LoadedPlugin versioned(String id, String version) {
        Path folder = dir.resolve(id);
        TestJars.jar()
                .source(
                        "com.example.lib.Version",
                        "package com.example.lib; public class Version { public static String value() { return \""
                                + version + "\"; } }")
                .source("com.example." + id + ".Main", reporter("com.example." + id, "com.example.lib.Version.value()"))
                .writeTo(folder.resolve("lib/" + id + ".jar"));
        String main = "{\"type\": \"jvm\", \"main\": \"com.example." + id + ".Main\"}";
        return load(TestPlugins.manifest(folder, id, main), folder, Map.of());
    }

    @Test
    void eachPluginSeesItsOwnVersionOfALibrary() throws Exception {
        LoadedPlugin one = versioned("one", "1");
        LoadedPlugin two = versioned("two", "2");

        assertThat(one.plugin().toString()).isEqualTo("1");
        assertThat(two.plugin().toString()).isEqualTo("2");
        Class<?> first = one.loader().loadClass("com.example.lib.Version");
        Class<?> second = two.loader().loadClass("com.example.lib.Version");
        assertThat(first).isNotSameAs(second);
        assertThat(first.getClassLoader()).isSameAs(one.loader());
        assertThat(one.loader().isRegisteredAsParallelCapable()).isTrue();
    }

    @Test
    void hostClassesAreInvisibleToPlugins() {
        PluginClassLoader loader = versioned("one", "1").loader();

        for (String hostClass : List.of(
                "tools.jackson.databind.ObjectMapper",
                "dev.pincer.core.PincerVersion",
                PluginClassLoader.class.getName(),
                "org.junit.jupiter.api.Test")) {
            assertThatThrownBy(() -> Class.forName(hostClass, false, loader))
                    .as(hostClass)
                    .isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(loader.getResource("tools/jackson/databind/ObjectMapper.class"))
                .isNull();
        assertThat(loader.getResource("dev/pincer/core/pincer-version.properties"))
                .isNull();
    }

    @Test
    void jdkAndPluginApiComeFromTheHost() throws Exception {
        PluginClassLoader loader = versioned("one", "1").loader();

        assertThat(Class.forName("java.sql.Connection", false, loader)).isSameAs(java.sql.Connection.class);
        assertThat(Class.forName("dev.pincer.api.tool.ToolSpec", false, loader))
                .isSameAs(dev.pincer.api.tool.ToolSpec.class);
        assertThat(loader.getResource("dev/pincer/api/Plugin.class"))
                .isEqualTo(Plugin.class.getResource("Plugin.class"));
        assertThat(loader.getResource("java/lang/Object.class")).isNotNull();
    }

    @Test
    void pluginApiBundledInAPluginJarIsIgnored() throws Exception {
        Path folder = dir.resolve("copycat");
        TestJars.jar()
                .source(
                        "com.example.copycat.Main",
                        reporter("com.example.copycat", "dev.pincer.api.Plugin.class.getClassLoader() == null"))
                .resource("dev/pincer/api/Plugin.class", "not a class")
                .writeTo(folder.resolve("lib/copycat.jar"));
        String main = "{\"type\": \"jvm\", \"main\": \"com.example.copycat.Main\"}";

        LoadedPlugin copycat = load(TestPlugins.manifest(folder, "copycat", main), folder, Map.of());

        assertThat(copycat.loader().loadClass(Plugin.class.getName())).isSameAs(Plugin.class);
        assertThat(Collections.list(copycat.loader().getResources("dev/pincer/api/Plugin.class")))
                .doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url.toString()).doesNotContain("copycat.jar"));
    }

    private LoadedPlugin acme(String exportsJson) {
        Path folder = dir.resolve("acme");
        TestJars.jar()
                .source(
                        "com.acme.shared.Greeter",
                        "package com.acme.shared; public class Greeter { public String greet() { return"
                                + " \"hello from acme\"; } }")
                .source("com.acme.internal.Secret", "package com.acme.internal; public class Secret {}")
                .source(
                        "com.acme.shared.SharedPlugin",
                        reporter("com.acme.shared", "\"shared\"").replace("Main", "SharedPlugin"))
                .source("com.acme.Main", reporter("com.acme", "\"acme\""))
                .resource("com/acme/shared/greeting.txt", "shared")
                .resource("com/acme/internal/secret.txt", "secret")
                .writeTo(folder.resolve("lib/acme.jar"));
        String runtimeJson = "{\"type\": \"jvm\", \"main\": \"com.acme.Main\", \"exports\": " + exportsJson + "}";
        return load(TestPlugins.manifest(folder, "acme", runtimeJson), folder, Map.of());
    }

    private Path dependantFolder(Path acmeJar) {
        Path folder = dir.resolve("buyer");
        TestJars.jar()
                .source("com.buyer.Main", reporter("com.buyer", "new com.acme.shared.Greeter().greet()"))
                .compiledAgainst(acmeJar)
                .writeTo(folder.resolve("lib/buyer.jar"));
        return folder;
    }

    private static String dependantManifest() {
        return "\"dependencies\": {\"acme\": \"^1.0.0\"}";
    }

    @Test
    void dependantSeesExactlyTheExportedPackagesOfItsDependency() throws Exception {
        LoadedPlugin acme = acme("[\"com.acme.shared\"]");
        Path folder = dependantFolder(dir.resolve("acme/lib/acme.jar"));
        PluginManifest manifest = TestPlugins.manifest(
                folder, "buyer", "{\"type\": \"jvm\", \"main\": \"com.buyer.Main\"}", dependantManifest());

        LoadedPlugin buyer = load(manifest, folder, Map.of("acme", acme.loader()));
        PluginClassLoader loader = buyer.loader();

        assertThat(buyer.plugin().toString()).isEqualTo("hello from acme");
        assertThat(loader.loadClass("com.acme.shared.Greeter"))
                .isSameAs(acme.loader().loadClass("com.acme.shared.Greeter"));
        assertThatThrownBy(() -> Class.forName("com.acme.internal.Secret", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.acme.Main", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        try (InputStream in = loader.getResourceAsStream("com/acme/shared/greeting.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("shared");
        }
        assertThat(loader.getResource("com/acme/internal/secret.txt")).isNull();
        assertThat(acme.loader().exports()).containsExactly("com.acme.shared");
    }

    @Test
    void dependantCannotUseADependencyThatExportsNothing() {
        LoadedPlugin acme = acme("[]");
        Path folder = dependantFolder(dir.resolve("acme/lib/acme.jar"));
        PluginManifest manifest = TestPlugins.manifest(
                folder, "buyer", "{\"type\": \"jvm\", \"main\": \"com.buyer.Main\"}", dependantManifest());
        LoadedPlugin buyer = load(manifest, folder, Map.of("acme", acme.loader()));

        assertThatThrownBy(() -> buyer.plugin().toString())
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("com/acme/shared/Greeter");
    }

    @Test
    void providersOfADependencyAreNotTheDependantsEntryPoint() {
        LoadedPlugin acme = acme("[\"com.acme.shared\"]");
        Path folder = dir.resolve("buyer");
        TestJars.jar()
                .source("com.buyer.Helper", "package com.buyer; public class Helper {}")
                .provider("com.acme.Main")
                .writeTo(folder.resolve("lib/buyer.jar"));
        PluginManifest manifest = TestPlugins.manifest(folder, "buyer", "{\"type\": \"jvm\"}", dependantManifest());

        assertThatThrownBy(() -> runtime.load(manifest, folder, Map.of("acme", acme.loader())))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("com.acme.Main not found");

        TestJars.jar()
                .source("com.buyer.Helper", "package com.buyer; public class Helper {}")
                .provider("com.acme.shared.SharedPlugin")
                .compiledAgainst(dir.resolve("acme/lib/acme.jar"))
                .writeTo(dir.resolve("buyer2/lib/buyer.jar"));
        PluginManifest second =
                TestPlugins.manifest(dir.resolve("buyer2"), "buyer", "{\"type\": \"jvm\"}", dependantManifest());

        assertThatThrownBy(() -> runtime.load(second, dir.resolve("buyer2"), Map.of("acme", acme.loader())))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("plugin 'buyer' has no entry point");
    }

    @Test
    void refusesTwoDependenciesThatExportOnePackage() throws IOException {
        LoadedPlugin acme = acme("[\"com.acme.shared\"]");
        Path rivalFolder = dir.resolve("rival");
        TestJars.jar()
                .source("com.rival.Main", reporter("com.rival", "\"rival\""))
                .writeTo(rivalFolder.resolve("lib/rival.jar"));
        String rivalRuntime = "{\"type\": \"jvm\", \"main\": \"com.rival.Main\", \"exports\": [\"com.acme.shared\"]}";
        LoadedPlugin rival = load(TestPlugins.manifest(rivalFolder, "rival", rivalRuntime), rivalFolder, Map.of());
        Path folder = dependantFolder(dir.resolve("acme/lib/acme.jar"));
        PluginManifest manifest = TestPlugins.manifest(
                folder,
                "buyer",
                "{\"type\": \"jvm\", \"main\": \"com.buyer.Main\"}",
                "\"dependencies\": {\"acme\": \"*\", \"rival\": \"*\"}");

        assertThatThrownBy(() -> runtime.load(manifest, folder, Map.of("acme", acme.loader(), "rival", rival.loader())))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugin 'buyer' depends on 'acme' and 'rival', which both export package"
                        + " 'com.acme.shared'");
    }

    @Test
    void refusesLoaderOfAPluginThatIsNotADependency() {
        LoadedPlugin acme = acme("[\"com.acme.shared\"]");
        Path folder = dependantFolder(dir.resolve("acme/lib/acme.jar"));
        PluginManifest manifest =
                TestPlugins.manifest(folder, "buyer", "{\"type\": \"jvm\", \"main\": \"com.buyer.Main\"}");

        assertThatThrownBy(() -> runtime.load(manifest, folder, Map.of("acme", acme.loader())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'acme' is not a dependency of plugin 'buyer'");
    }
}
