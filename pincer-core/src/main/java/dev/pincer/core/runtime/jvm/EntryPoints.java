package dev.pincer.core.runtime.jvm;

import dev.pincer.api.Plugin;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds a JVM plugin's entry point and instantiates it.
 *
 * <p>Classes are loaded without initialising them; the only plugin code run is what instantiation
 * requires (static initialisers and the no-argument constructor), and what it throws propagates
 * unwrapped, except checked exceptions, which are wrapped in a {@link PluginLoadException}.
 * Stateless; thread-safe.
 */
final class EntryPoints {

    static final String SERVICE_FILE = "META-INF/services/" + Plugin.class.getName();

    private static final String PLUGIN = Plugin.class.getName();

    /** The plugin being loaded, named by every refusal. */
    private record Site(String pluginId, Path folder) {
        PluginLoadException refuse(String code, String message, String hint, Throwable cause) {
            return new PluginLoadException(code, pluginId, folder, "plugin '" + pluginId + "'" + message, hint, cause);
        }
    }

    private EntryPoints() {}

    /**
     * Returns a new instance of the class {@code main} names, or of the one provider this plugin's
     * jars list in {@link #SERVICE_FILE} when {@code main} is {@code null}.
     *
     * @throws PluginLoadException if the class is missing, not a usable {@link Plugin}, or the
     *     plugin lists no provider or several; its path is {@code folder}
     */
    static Plugin instantiate(String pluginId, Path folder, PluginClassLoader loader, String main) {
        Site site = new Site(pluginId, folder);
        if (main != null) {
            return newInstance(site, loadMain(site, loader, main), "runtime.main class '" + main + "'");
        }
        Class<?> provider = onlyProvider(site, loader);
        return newInstance(site, provider, "provider '" + provider.getName() + "' listed in " + SERVICE_FILE);
    }

    private static Class<?> loadMain(Site site, PluginClassLoader loader, String main) {
        try {
            return Class.forName(main, false, loader);
        } catch (ClassNotFoundException e) {
            throw site.refuse(
                    "runtime.main-not-found",
                    ": runtime.main class '" + main + "' is not in the plugin's jars",
                    "check the class name in runtime.main, and that the jar holding it is in runtime.classpath"
                            + " (default " + PluginJars.DEFAULT_CLASSPATH + ")",
                    e);
        } catch (LinkageError e) {
            throw unloadable(site, "runtime.main class '" + main + "'", e);
        }
    }

    private static Class<?> onlyProvider(Site site, PluginClassLoader loader) {
        List<Class<? extends Plugin>> own;
        try {
            // Providers the plugin sees from the JDK or a dependency are not its entry point.
            own = ServiceLoader.load(Plugin.class, loader).stream()
                    .map(ServiceLoader.Provider::type)
                    .filter(type -> type.getClassLoader() == loader)
                    .distinct()
                    .collect(Collectors.toList());
        } catch (ServiceConfigurationError e) {
            throw site.refuse(
                    "runtime.service-invalid",
                    ": " + SERVICE_FILE + " is unusable: " + e.getMessage(),
                    "list there the fully qualified name of a public class that implements " + PLUGIN
                            + " and has a public no-argument constructor",
                    e);
        }
        if (own.size() == 1) {
            return own.get(0);
        }
        if (own.isEmpty()) {
            throw site.refuse(
                    "runtime.no-entry-point",
                    " has no entry point: runtime.main is not set and its jars list no provider in " + SERVICE_FILE,
                    "name the class that implements " + PLUGIN + " in runtime.main, or list it in " + SERVICE_FILE,
                    null);
        }
        String names = own.stream().map(Class::getName).collect(Collectors.joining(", "));
        throw site.refuse(
                "runtime.several-entry-points",
                " lists " + own.size() + " providers in " + SERVICE_FILE + " (" + names + "); it needs exactly one",
                "keep one provider in that file, or name the entry point in runtime.main",
                null);
    }

    private static Plugin newInstance(Site site, Class<?> type, String what) {
        if (!Plugin.class.isAssignableFrom(type)) {
            throw site.refuse(
                    "runtime.main-not-plugin",
                    ": " + what + " does not implement " + PLUGIN,
                    "implement " + PLUGIN + " (from pincer-api) in that class, or name the class that does",
                    null);
        }
        Constructor<?> constructor = publicConstructor(site, type, what);
        try {
            return (Plugin) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw propagate(site, what, e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw notInstantiable(site, what, e);
        }
    }

    private static Constructor<?> publicConstructor(Site site, Class<?> type, String what) {
        int modifiers = type.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers)) {
            throw notInstantiable(site, what, null);
        }
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw notInstantiable(site, what, e);
        } catch (LinkageError e) {
            throw unloadable(site, what, e);
        }
    }

    /** Returns what the constructor threw if it is unchecked, so that it propagates as thrown. */
    private static RuntimeException propagate(Site site, String what, Throwable thrown) {
        if (thrown instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return site.refuse(
                "runtime.constructor-failed",
                ": the constructor of " + what + " threw " + thrown,
                "fix the plugin's constructor; do the work that can fail in activate() instead",
                thrown);
    }

    private static PluginLoadException notInstantiable(Site site, String what, Exception cause) {
        return site.refuse(
                "runtime.main-not-instantiable",
                ": " + what + " cannot be instantiated: it must be a public, non-abstract top-level or static"
                        + " nested class with a public no-argument constructor",
                "give the class a public no-argument constructor, or name another class",
                cause);
    }

    private static PluginLoadException unloadable(Site site, String what, LinkageError cause) {
        return site.refuse(
                "runtime.main-unloadable",
                ": " + what + " cannot be loaded: " + cause,
                "check that the plugin was built for Java 17 and that every jar it needs is in runtime.classpath",
                cause);
    }
}
