package dev.pincer.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for the benchmarks: compiles Java sources with the JDK's compiler against
 * the benchmark jar's own classpath (which holds pincer-api and PF4J) and writes jars.
 *
 * <p>Stateless and thread-safe.
 */
final class BenchJars {

    private BenchJars() {}

    /**
     * Compiles {@code sources} (class name to source) in one compiler run.
     *
     * @return the class files, by path inside a jar ({@code com/acme/A.class})
     * @throws IllegalStateException if the sources do not compile, with the compiler's messages
     */
    static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the benchmarks need a JDK (javax.tools), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new TreeMap<>();
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> sourceFile(e.getKey(), e.getValue()))
                .toList();
        List<String> options =
                List.of("-classpath", System.getProperty("java.class.path"), "--release", "17", "-proc:none");
        try (StandardJavaFileManager standard =
                compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            MemoryFileManager manager = new MemoryFileManager(standard, output);
            if (!compiler.getTask(null, manager, diagnostics, options, null, units)
                    .call()) {
                throw new IllegalStateException(
                        "generated plugin sources do not compile: " + diagnostics.getDiagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        output.forEach((name, bytes) -> classes.put(classFile(name), bytes.toByteArray()));
        return classes;
    }

    /** Returns the path of {@code className}'s class file inside a jar. */
    static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** Writes a jar holding {@code entries} (path inside the jar to content), creating folders. */
    static Path write(Path jar, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(jar.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to {@code file}, creating folders. */
    static void writeString(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it; does nothing when it is {@code null}. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
