package dev.pincer.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar for tests: compiles one Java source with the JDK's compiler against the
 * test classpath (which holds pincer-api) and writes its classes into a jar. (A small copy of
 * pincer-core's test helper, which the test kit does not depend on.)
 */
final class TestJars {

    private TestJars() {}

    /** Compiles {@code source}, the top-level class {@code className}, into jar {@code file}. */
    static Path write(Path file, String className, String source) {
        Map<String, ByteArrayOutputStream> output = new TreeMap<>();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        URI uri = URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        JavaFileObject unit = new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options =
                List.of("-classpath", System.getProperty("java.class.path"), "--release", "17", "-proc:none");
        try (StandardJavaFileManager standard =
                compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            ForwardingJavaFileManager<StandardJavaFileManager> manager = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(
                        Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(
                            URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return output.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                        }
                    };
                }
            };
            if (!compiler.getTask(null, manager, diagnostics, options, null, List.of(unit))
                    .call()) {
                throw new IllegalStateException("test sources do not compile: " + diagnostics.getDiagnostics());
            }
            Files.createDirectories(file.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
                for (Map.Entry<String, ByteArrayOutputStream> entry : output.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                    out.write(entry.getValue().toByteArray());
                    out.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
