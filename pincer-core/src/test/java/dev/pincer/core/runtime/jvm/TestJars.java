package dev.pincer.core.runtime.jvm;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real jars for tests: compiles Java sources with the JDK's compiler against the test
 * classpath (which holds pincer-api) and writes the classes, resources and an optional service
 * file into a jar.
 */
public final class TestJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<String> providers = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();

    private TestJars() {}

    /** Starts an empty jar. */
    public static TestJars jar() {
        return new TestJars();
    }

    /** Adds the source of the top-level class {@code className}. */
    public TestJars source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Adds a resource at {@code path} (e.g. {@code com/acme/a.txt}). */
    public TestJars resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Lists {@code className} in {@code META-INF/services/dev.pincer.api.Plugin}. */
    public TestJars provider(String className) {
        providers.add(className);
        return this;
    }

    /** Adds {@code jar} to the compile classpath (not to the jar). */
    public TestJars compiledAgainst(Path jar) {
        classpath.add(jar);
        return this;
    }

    /** Compiles the sources and writes the jar to {@code file}, creating folders; returns it. */
    public Path writeTo(Path file) {
        Map<String, byte[]> classes = compile();
        try {
            Files.createDirectories(file.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
                for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                    put(out, entry.getKey().replace('.', '/') + ".class", entry.getValue());
                }
                for (Map.Entry<String, String> entry : resources.entrySet()) {
                    put(out, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                if (!providers.isEmpty()) {
                    String lines = String.join("\n", providers) + "\n";
                    put(out, EntryPoints.SERVICE_FILE, lines.getBytes(StandardCharsets.UTF_8));
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private Map<String, byte[]> compile() {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new TreeMap<>();
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(entry -> sourceFile(entry.getKey(), entry.getValue()))
                .collect(Collectors.toList());
        String path = System.getProperty("java.class.path")
                + classpath.stream().map(jar -> File.pathSeparator + jar).collect(Collectors.joining());
        List<String> options = List.of("-classpath", path, "--release", "17", "-proc:none");
        try (StandardJavaFileManager standard =
                compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            MemoryFileManager manager = new MemoryFileManager(standard, output);
            if (!compiler.getTask(null, manager, diagnostics, options, null, units)
                    .call()) {
                throw new IllegalStateException("test sources do not compile: " + diagnostics.getDiagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static JavaFileObject sourceFile(String className, String source) {
        URI uri = URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    /** Keeps compiled classes in memory, by binary name. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {

        private final Map<String, ByteArrayOutputStream> output;

        MemoryFileManager(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> output) {
            super(standard);
            this.output = output;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    return output.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                }
            };
        }
    }
}
