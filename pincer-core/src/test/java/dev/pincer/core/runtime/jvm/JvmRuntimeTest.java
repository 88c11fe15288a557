package dev.pincer.core.runtime.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pincer.api.Plugin;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.PluginManifest;
import dev.pincer.core.manifest.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmRuntimeTest {

    private static final String HELLO =
            """
            package com.example.hello;

            import dev.pincer.api.Plugin;
            import dev.pincer.api.PluginContext;

            public class HelloPlugin implements Plugin {
                private String activatedAs = "nobody";

                @Override
                public void activate(PluginContext context) {
                    activatedAs = context.pluginId();
                }

                @Override
                public String toString() {
                    return "hello, activated as " + activatedAs;
                }
            }
            """;

    private final JvmRuntime runtime = JvmRuntime.create();

    @TempDir
    Path dir;

    private LoadedPlugin loaded;

    @AfterEach
    void unload() {
        if (loaded != null) {
            assertThat(loaded.unload()).isEmpty();
        }
    }

    private static String plugin(String pkg, String simpleName, String body) {
        return "package " + pkg + ";\n"
                + "public class " + simpleName + " implements dev.pincer.api.Plugin {\n"
                + "    @Override public void activate(dev.pincer.api.PluginContext context) {}\n"
                + body
                + "}\n";
    }

    private Path helloJar(Path folder) {
        return TestJars.jar().source("com.example.hello.HelloPlugin", HELLO).writeTo(folder.resolve("lib/hello.jar"));
    }

    private PluginLoadException refusal(PluginManifest manifest, Path folder) {
        Throwable thrown = catchThrowable(() -> runtime.load(manifest, folder, Map.of()));
        assertThat(thrown).isInstanceOf(PluginLoadException.class);
        PluginLoadException refusal = (PluginLoadException) thrown;
        assertThat(refusal.pluginId()).isEqualTo(manifest.id());
        assertThat(refusal.hint()).isNotBlank();
        return refusal;
    }

    @Test
    void loadsMainClassThatSharesTheHostsPluginApi() throws Exception {
        Path folder = dir.resolve("hello");
        helloJar(folder);
        PluginManifest manifest = TestPlugins.manifest(
                folder, "hello", "{\"type\": \"jvm\", \"main\": \"com.example.hello.HelloPlugin\"}");

        loaded = runtime.load(manifest, folder, Map.of());
        Plugin plugin = loaded.plugin();
        plugin.activate(TestPlugins.context("hello"));

        assertThat(loaded.pluginId()).isEqualTo("hello");
        assertThat(plugin.toString()).isEqualTo("hello, activated as hello");
        assertThat(plugin.getClass().getName()).isEqualTo("com.example.hello.HelloPlugin");
        assertThat(plugin.getClass().getClassLoader()).isSameAs(loaded.loader());
        assertThat(plugin.getClass().getInterfaces()).containsExactly(Plugin.class);
        assertThat(loaded.loader().loadClass(Plugin.class.getName())).isSameAs(Plugin.class);
        assertThat(loaded.loader().toString()).contains("'hello'");
    }

    @Test
    void loadsTheOneProviderListedAsService() {
        Path folder = dir.resolve("hello");
        TestJars.jar()
                .source("com.example.hello.HelloPlugin", HELLO)
                .provider("com.example.hello.HelloPlugin")
                .writeTo(folder.resolve("lib/hello.jar"));
        PluginManifest manifest = TestPlugins.manifest(folder, "hello", "{\"type\": \"jvm\"}");

        loaded = runtime.load(manifest, folder, Map.of());

        assertThat(loaded.plugin().getClass().getName()).isEqualTo("com.example.hello.HelloPlugin");
    }

    @Test
    void refusesPluginWithoutEntryPoint() {
        Path folder = dir.resolve("hello");
        helloJar(folder);
        PluginManifest manifest = TestPlugins.manifest(folder, "hello", "{\"type\": \"jvm\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.no-entry-point");
        assertThat(refusal.path()).isEqualTo(folder);
        assertThat(refusal.getMessage())
                .isEqualTo("plugin 'hello' has no entry point: runtime.main is not set and its jars list no provider"
                        + " in META-INF/services/dev.pincer.api.Plugin");
        assertThat(refusal.hint())
                .isEqualTo("name the class that implements dev.pincer.api.Plugin in runtime.main, or list it in"
                        + " META-INF/services/dev.pincer.api.Plugin");
    }

    @Test
    void refusesTwoServiceProviders() {
        Path folder = dir.resolve("twice");
        TestJars.jar()
                .source("com.example.twice.One", plugin("com.example.twice", "One", ""))
                .source("com.example.twice.Two", plugin("com.example.twice", "Two", ""))
                .provider("com.example.twice.One")
                .provider("com.example.twice.Two")
                .writeTo(folder.resolve("lib/twice.jar"));
        PluginManifest manifest = TestPlugins.manifest(folder, "twice", "{\"type\": \"jvm\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.several-entry-points");
        assertThat(refusal.getMessage())
                .isEqualTo("plugin 'twice' lists 2 providers in META-INF/services/dev.pincer.api.Plugin"
                        + " (com.example.twice.One, com.example.twice.Two); it needs exactly one");
        assertThat(refusal.hint()).isEqualTo("keep one provider in that file, or name the entry point in runtime.main");
    }

    @Test
    void refusesServiceProviderThatIsMissing() {
        Path folder = dir.resolve("ghost");
        TestJars.jar()
                .source("com.example.ghost.Real", plugin("com.example.ghost", "Real", ""))
                .provider("com.example.ghost.Missing")
                .writeTo(folder.resolve("lib/ghost.jar"));
        PluginManifest manifest = TestPlugins.manifest(folder, "ghost", "{\"type\": \"jvm\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.service-invalid");
        assertThat(refusal.getMessage())
                .startsWith("plugin 'ghost': META-INF/services/dev.pincer.api.Plugin is unusable: ")
                .contains("com.example.ghost.Missing not found");
    }

    @Test
    void refusesMainClassThatIsNotAPlugin() {
        Path folder = dir.resolve("odd");
        TestJars.jar()
                .source("com.example.odd.NotAPlugin", "package com.example.odd; public class NotAPlugin {}")
                .writeTo(folder.resolve("lib/odd.jar"));
        PluginManifest manifest =
                TestPlugins.manifest(folder, "odd", "{\"type\": \"jvm\", \"main\": \"com.example.odd.NotAPlugin\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.main-not-plugin");
        assertThat(refusal.getMessage())
                .isEqualTo("plugin 'odd': runtime.main class 'com.example.odd.NotAPlugin' does not implement"
                        + " dev.pincer.api.Plugin");
    }

    @Test
    void refusesMissingMainClass() {
        Path folder = dir.resolve("hello");
        helloJar(folder);
        PluginManifest manifest =
                TestPlugins.manifest(folder, "hello", "{\"type\": \"jvm\", \"main\": \"com.example.hello.Nope\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.main-not-found");
        assertThat(refusal.getMessage())
                .isEqualTo("plugin 'hello': runtime.main class 'com.example.hello.Nope' is not in the plugin's jars");
        assertThat(refusal.hint())
                .isEqualTo("check the class name in runtime.main, and that the jar holding it is in"
                        + " runtime.classpath (default lib/*.jar)");
    }

    @Test
    void refusesMainClassWithoutPublicNoArgumentConstructor() {
        Path folder = dir.resolve("picky");
        TestJars.jar()
                .source(
                        "com.example.picky.Picky",
                        plugin("com.example.picky", "Picky", "public Picky(String needed) {}\n"))
                .writeTo(folder.resolve("lib/picky.jar"));
        PluginManifest manifest =
                TestPlugins.manifest(folder, "picky", "{\"type\": \"jvm\", \"main\": \"com.example.picky.Picky\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.main-not-instantiable");
        assertThat(refusal.getMessage())
                .isEqualTo("plugin 'picky': runtime.main class 'com.example.picky.Picky' cannot be instantiated: it"
                        + " must be a public, non-abstract top-level or static nested class with a public"
                        + " no-argument constructor");
    }

    @Test
    void propagatesWhatThePluginConstructorThrows() {
        Path folder = dir.resolve("boom");
        TestJars.jar()
                .source(
                        "com.example.boom.Boom",
                        plugin(
                                "com.example.boom",
                                "Boom",
                                "public Boom() { throw new IllegalStateException(\"no config\"); }\n"))
                .writeTo(folder.resolve("lib/boom.jar"));
        PluginManifest manifest =
                TestPlugins.manifest(folder, "boom", "{\"type\": \"jvm\", \"main\": \"com.example.boom.Boom\"}");

        assertThatThrownBy(() -> runtime.load(manifest, folder, Map.of()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("no config");
    }

    @Test
    void propagatesWhatThePluginStaticInitialiserThrows() {
        Path folder = dir.resolve("static");
        TestJars.jar()
                .source(
                        "com.example.fail.Static",
                        plugin(
                                "com.example.fail",
                                "Static",
                                "static { if (true) throw new IllegalStateException(\"bad static\"); }\n"))
                .writeTo(folder.resolve("lib/static.jar"));
        PluginManifest manifest =
                TestPlugins.manifest(folder, "static", "{\"type\": \"jvm\", \"main\": \"com.example.fail.Static\"}");

        assertThatThrownBy(() -> runtime.load(manifest, folder, Map.of()))
                .isExactlyInstanceOf(ExceptionInInitializerError.class)
                .cause()
                .hasMessage("bad static");
    }

    @Test
    void loadingTheEntryPointRunsNoStaticInitialiserUntilInstantiation() {
        Path folder = dir.resolve("lazy");
        TestJars.jar()
                .source(
                        "com.example.lazy.Lazy",
                        "package com.example.lazy; public class Lazy { static { if (true) throw new"
                                + " IllegalStateException(\"ran\"); } }")
                .writeTo(folder.resolve("lib/lazy.jar"));
        PluginManifest manifest =
                TestPlugins.manifest(folder, "lazy", "{\"type\": \"jvm\", \"main\": \"com.example.lazy.Lazy\"}");

        // Lazy is no Plugin: it is refused after loading, before anything initialises it.
        assertThat(refusal(manifest, folder).code()).isEqualTo("runtime.main-not-plugin");
    }

    @Test
    void refusesFolderWithoutJars() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        PluginManifest manifest = TestPlugins.manifest(folder, "empty", "{\"type\": \"jvm\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.no-jars");
        assertThat(refusal.getMessage())
                .isEqualTo(
                        "plugin 'empty' has no jar: runtime.classpath [lib/*.jar] matches no file in '" + folder + "'");
        assertThat(refusal.hint())
                .isEqualTo("put the plugin's jars in lib/ inside the plugin folder, or list them in runtime.classpath");
    }

    @Test
    void refusesMissingClasspathEntry() throws IOException {
        Path folder = dir.resolve("hello");
        helloJar(folder);
        PluginManifest manifest = TestPlugins.manifest(
                folder,
                "hello",
                "{\"type\": \"jvm\", \"main\": \"com.example.hello.HelloPlugin\","
                        + " \"classpath\": [\"lib/*.jar\", \"extra/more.jar\"]}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.jar-missing");
        assertThat(refusal.getMessage()).isEqualTo("plugin 'hello': classpath entry 'extra/more.jar' does not exist");
        assertThat(refusal.path()).isEqualTo(folder.toRealPath().resolve("extra/more.jar"));
    }

    @Test
    void globEntriesMatchTheirPrefixInNameOrder() {
        Path folder = dir.resolve("hello");
        helloJar(folder);
        TestJars.jar().resource("order.txt", "b").writeTo(folder.resolve("lib/extra-b.jar"));
        TestJars.jar().resource("order.txt", "a").writeTo(folder.resolve("lib/extra-a.jar"));
        TestJars.jar().resource("order.txt", "other").writeTo(folder.resolve("lib/other.jar"));
        PluginManifest manifest = TestPlugins.manifest(
                folder,
                "hello",
                "{\"type\": \"jvm\", \"main\": \"com.example.hello.HelloPlugin\","
                        + " \"classpath\": [\"lib/extra-*.jar\", \"lib/hello.jar\"]}");

        loaded = runtime.load(manifest, folder, Map.of());

        assertThat(loaded.loader().getURLs())
                .extracting(url -> Path.of(url.getPath()).getFileName().toString())
                .containsExactly("extra-a.jar", "extra-b.jar", "hello.jar");
    }

    @Test
    void refusesJarSymlinkedFromOutsideThePluginFolder() throws IOException {
        Path outside = helloJar(dir.resolve("elsewhere"));
        Path folder = Files.createDirectories(dir.resolve("hello/lib")).getParent();
        Files.createSymbolicLink(folder.resolve("lib/hello.jar"), outside);
        PluginManifest manifest = TestPlugins.manifest(
                folder, "hello", "{\"type\": \"jvm\", \"main\": \"com.example.hello.HelloPlugin\"}");

        PluginLoadException refusal = refusal(manifest, folder);

        assertThat(refusal.code()).isEqualTo("runtime.jar-outside-folder");
        assertThat(refusal.getMessage())
                .isEqualTo("plugin 'hello': classpath entry 'lib/hello.jar' resolves to '" + outside.toRealPath()
                        + "', outside the plugin folder '" + folder.toRealPath() + "'");
        assertThat(refusal.hint()).isEqualTo("copy the jar into the plugin folder instead of linking to it");
        assertThat(refusal.path()).isEqualTo(folder.toRealPath().resolve("lib/hello.jar"));
    }

    @Test
    void acceptsSymlinksThatStayInsideThePluginFolder() throws IOException {
        Path real = dir.resolve("real");
        TestJars.jar().source("com.example.hello.HelloPlugin", HELLO).writeTo(real.resolve("dist/hello-1.0.jar"));
        Files.createDirectories(real.resolve("lib"));
        Files.createSymbolicLink(real.resolve("lib/hello.jar"), Path.of("../dist/hello-1.0.jar"));
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("linked"), real);
        PluginManifest manifest = TestPlugins.manifest(
                linkedFolder, "hello", "{\"type\": \"jvm\", \"main\": \"com.example.hello.HelloPlugin\"}");

        loaded = runtime.load(manifest, linkedFolder, Map.of());

        assertThat(loaded.plugin().getClass().getName()).isEqualTo("com.example.hello.HelloPlugin");
    }

    @Test
    void refusesClasspathEntryInTheParentFolder() {
        Path folder = dir.resolve("hello");
        helloJar(dir);
        String runtimeJson = "{\"type\": \"jvm\", \"classpath\": [\"../lib/hello.jar\"]}";

        List<Diagnostic> found =
                TestPlugins.read(folder, "hello", runtimeJson, "").diagnostics();
        assertThat(found).extracting(Diagnostic::code).contains("manifest.path-escape");

        PluginManifest valid = TestPlugins.manifest(folder, "hello", "{\"type\": \"jvm\"}");
        PluginManifest escaping = TestPlugins.withRuntime(
                valid, new RuntimeSpec.Jvm("com.example.hello.HelloPlugin", List.of("../lib/hello.jar"), List.of()));
        PluginLoadException refusal = refusal(escaping, folder);
        assertThat(refusal.code()).isEqualTo("runtime.jar-outside-folder");
        assertThat(refusal.getMessage()).contains("classpath entry '../lib/hello.jar' resolves to");
    }

    @Test
    void refusesAnotherRuntimeType() {
        Path folder = dir.resolve("skills");
        PluginManifest manifest = TestPlugins.manifest(folder, "skills", "{\"type\": \"skills\"}");

        assertThatThrownBy(() -> runtime.load(manifest, folder, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'skills' has a skills runtime, not jvm");
    }
}
