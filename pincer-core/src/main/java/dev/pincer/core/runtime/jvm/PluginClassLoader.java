package dev.pincer.core.runtime.jvm;

import dev.pincer.api.Plugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads one JVM plugin's classes and resources from its jars, and of the host only the plugin API.
 *
 * <p>A class name is answered by the first of these places that is responsible for it. A place
 * that is responsible but does not have the class fails the lookup with {@link
 * ClassNotFoundException}; the lookup never falls through to a later place.
 *
 * <ol>
 *   <li><b>The JDK.</b> The parent is the {@linkplain ClassLoader#getPlatformClassLoader() platform
 *       class loader}, asked first for every name, so {@code java.*}, {@code javax.*}, {@code
 *       jdk.*}, {@code sun.*} and the rest of the JDK come from there. A class the platform loader
 *       finds in a boot-layer module that is not part of the JDK (a host started on the module
 *       path) is not taken from it.
 *   <li><b>The plugin API.</b> Names in {@code dev.pincer.api} and its subpackages come from the
 *       class loader that loaded {@link Plugin}, so the host and every plugin share one {@code
 *       Plugin.class}. A copy of the API inside the plugin's jars is ignored.
 *   <li><b>Imports.</b> A package that a dependency lists in its manifest's {@code
 *       runtime.exports} comes from that dependency's loader, so both plugins see the same {@code
 *       Class}. Only the exact package names listed count; subpackages are not exported, nor is
 *       anything the dependency itself imports.
 *   <li><b>The plugin's own jars</b>, for everything else.
 * </ol>
 *
 * <p>Nothing else of the host (pincer-core, Jackson, picocli…) is visible to a plugin. Resources
 * ({@link #getResource}, {@link #getResources}, {@link #getResourceAsStream}) follow the same rules
 * by the package of their path: {@code com/acme/shared/a.txt} belongs to package {@code
 * com.acme.shared}; paths outside any package, such as {@code META-INF/services/…}, come from the
 * JDK and the plugin's own jars. {@link #getResources} returns the JDK's matches first.
 *
 * <p>Instances are built by {@link JvmRuntime} and closed by {@link LoadedPlugin#unload()}.
 * Thread-safe and registered as parallel capable.
 *
 * @since 0.1.0
 */
public final class PluginClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String pluginId;
    private final List<String> exports;
    private final Map<String, PluginClassLoader> imports;
    private final ClassLoader api;
    private volatile boolean closed;

    /**
     * Creates a loader; the caller has checked that {@code jars} are regular files inside the
     * plugin folder.
     *
     * @param pluginId the plugin's id, also the loader's name in stack traces
     * @param jars the plugin's jars, in search order
     * @param exports the packages this plugin exports to its dependants
     * @param imports package name to the loader of the dependency that exports it
     */
    PluginClassLoader(String pluginId, List<Path> jars, List<String> exports, Map<String, PluginClassLoader> imports) {
        super(Objects.requireNonNull(pluginId, "pluginId"), urls(jars), ClassLoader.getPlatformClassLoader());
        this.pluginId = pluginId;
        this.exports = List.copyOf(exports);
        this.imports = Map.copyOf(imports);
        ClassLoader apiLoader = Plugin.class.getClassLoader();
        this.api = apiLoader == null ? ClassLoader.getPlatformClassLoader() : apiLoader;
    }

    /** Returns the id of the plugin whose classes this loader defines. */
    public String pluginId() {
        return pluginId;
    }

    /** Returns the packages this plugin exports to its dependants, as its manifest lists them. */
    public List<String> exports() {
        return exports;
    }

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = lookUp(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> lookUp(String name) throws ClassNotFoundException {
        Class<?> jdk = fromJdk(name);
        if (jdk != null) {
            return jdk;
        }
        String pkg = classPackage(name);
        if (isApi(pkg)) {
            return api.loadClass(name);
        }
        PluginClassLoader exporter = imports.get(pkg);
        if (exporter != null) {
            return exporter.loadClass(name);
        }
        return findClass(name);
    }

    private Class<?> fromJdk(String name) {
        try {
            Class<?> type = getParent().loadClass(name);
            return isJdk(type) ? type : null;
        } catch (ClassNotFoundException e) {
            // Not a JDK class: the normal case for every class of the plugin itself.
            return null;
        }
    }

    private static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true;
        }
        // The platform loader also answers for boot-layer modules of the application loader:
        // JDK tool modules such as jdk.compiler, but also the host's own modules on the module path.
        Module module = type.getModule();
        if (!module.isNamed() || module.getLayer() != ModuleLayer.boot()) {
            return false;
        }
        return module.getName().startsWith("java.") || module.getName().startsWith("jdk.");
    }

    @Override
    public URL getResource(String name) {
        Objects.requireNonNull(name, "name");
        URL jdk = getParent().getResource(name);
        if (jdk != null) {
            return jdk;
        }
        String pkg = resourcePackage(name);
        if (isApi(pkg)) {
            return api.getResource(name);
        }
        PluginClassLoader exporter = imports.get(pkg);
        return exporter != null ? exporter.getResource(name) : findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        List<URL> found = new ArrayList<>(Collections.list(getParent().getResources(name)));
        String pkg = resourcePackage(name);
        PluginClassLoader exporter = imports.get(pkg);
        Enumeration<URL> rest;
        if (isApi(pkg)) {
            rest = api.getResources(name);
        } else if (exporter != null) {
            rest = exporter.getResources(name);
        } else {
            rest = findResources(name);
        }
        found.addAll(Collections.list(rest));
        return Collections.enumeration(found);
    }

    /** Closes the plugin's jars; classes already loaded stay usable, new ones cannot be loaded. */
    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    @Override
    public String toString() {
        return "PluginClassLoader[plugin '" + pluginId + "']";
    }

    private static boolean isApi(String pkg) {
        return pkg.equals("dev.pincer.api") || pkg.startsWith("dev.pincer.api.");
    }

    private static String classPackage(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static String resourcePackage(String resourceName) {
        int slash = resourceName.lastIndexOf('/');
        return slash < 0 ? "" : resourceName.substring(0, slash).replace('/', '.');
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }
}
