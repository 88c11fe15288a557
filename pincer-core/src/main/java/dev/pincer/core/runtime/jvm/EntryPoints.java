package dev.pincer.core.runtime.jvm;

import dev.pincer.api.Plugin;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
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

    private EntryPoints() {}

    /**
     * Returns a new instance of the class {@code main} names, or of the one provider this plugin's
     * jars list in {@link #SERVICE_FILE} when {@code main} is {@code null}.
     *
     * @throws PluginLoadException if the class is missing, not a usable {@link Plugin}, or the
     *     plugin lists no provider or several
     */
    static Plugin instantiate(String pluginId, PluginClassLoader loader, String main) {
        if (main != null) {
            return newInstance(pluginId, loadMain(pluginId, loader, main), "runtime.main class '" + main + "'");
        }
        Class<?> provider = onlyProvider(pluginId, loader);
        return newInstance(pluginId, provider, "provider '" + provider.getName() + "' listed in " + SERVICE_FILE);
    }

    private static Class<?> loadMain(String pluginId, PluginClassLoader loader, String main) {
        try {
            return Class.forName(main, false, loader);
        } catch (ClassNotFoundException e) {
            throw new PluginLoadException(
                    "runtime.main-not-found",
                    pluginId,
                    null,
                    "plugin '" + pluginId + "': runtime.main class '" + main + "' is not in the plugin's jars",
                    "check the class name in runtime.main, and that the jar holding it is in runtime.classpath"
                            + " (default " + PluginJars.DEFAULT_CLASSPATH + ")",
                    e);
        } catch (LinkageError e) {
            throw unloadable(pluginId, "runtime.main class '" + main + "'", e);
        }
    }

    private static Class<?> onlyProvider(String pluginId, PluginClassLoader loader) {
        List<Class<? extends Plugin>> own;
        try {
            // Providers from the JDK or a dependency are not this plugin's entry point.
            own = ServiceLoader.load(Plugin.class, loader).stream()
                    .map(ServiceLoader.Provider::type)
                    .filter(type -> type.getClassLoader() == loader)
                    .distinct()
                    .collect(Collectors.toList());
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException(
                    "runtime.service-invalid",
                    pluginId,
                    null,
                    "plugin '" + pluginId + "': " + SERVICE_FILE + " is unusable: " + e.getMessage(),
                    "list there the fully qualified name of a public class that implements " + Plugin.class.getName()
                            + " and has a public no-argument constructor",
                    e);
        }
        if (own.size() == 1) {
            return own.get(0);
        }
        if (own.isEmpty()) {
            throw new PluginLoadException(
                    "runtime.no-entry-point",
                    pluginId,
                    null,
                    "plugin '" + pluginId + "' has no entry point: runtime.main is not set and its jars list no"
                            + " provider in " + SERVICE_FILE,
                    "name the class that implements " + Plugin.class.getName() + " in runtime.main, or list it in "
                            + SERVICE_FILE);
        }
        String names = own.stream().map(Class::getName).collect(Collectors.joining(", "));
        throw new PluginLoadException(
                "runtime.several-entry-points",
                pluginId,
                null,
                "plugin '" + pluginId + "' lists " + own.size() + " providers in " + SERVICE_FILE + " (" + names
                        + "); it needs exactly one",
                "keep one provider in that file, or name the entry point in runtime.main");
    }

    private static Plugin newInstance(String pluginId, Class<?> type, String what) {
        if (!Plugin.class.isAssignableFrom(type)) {
            throw new PluginLoadException(
                    "runtime.main-not-plugin",
                    pluginId,
                    null,
                    "plugin '" + pluginId + "': " + what + " does not implement " + Plugin.class.getName(),
                    "implement " + Plugin.class.getName() + " (from pincer-api) in that class, or name the class"
                            + " that does");
        }
        Constructor<?> constructor = publicConstructor(pluginId, type, what);
        try {
            return (Plugin) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw propagate(pluginId, what, e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw notInstantiable(pluginId, what, e);
        }
    }

    private static Constructor<?> publicConstructor(String pluginId, Class<?> type, String what) {
        int modifiers = type.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers)) {
            throw notInstantiable(pluginId, what, null);
        }
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw notInstantiable(pluginId, what, e);
        } catch (LinkageError e) {
            throw unloadable(pluginId, what, e);
        }
    }

    private static RuntimeException propagate(String pluginId, String what, Throwable thrown) {
        if (thrown instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new PluginLoadException(
                "runtime.constructor-failed",
                pluginId,
                null,
                "plugin '" + pluginId + "': the constructor of " + what + " threw " + thrown,
                "fix the plugin's constructor; do the work that can fail in activate() instead",
                thrown);
    }

    private static PluginLoadException notInstantiable(String pluginId, String what, Exception cause) {
        return new PluginLoadException(
                "runtime.main-not-instantiable",
                pluginId,
                null,
                "plugin '" + pluginId + "': " + what + " cannot be instantiated: it must be a public, non-abstract"
                        + " top-level or static nested class with a public no-argument constructor",
                "give the class a public no-argument constructor, or name another class",
                cause);
    }

    private static PluginLoadException unloadable(String pluginId, String what, LinkageError cause) {
        return new PluginLoadException(
                "runtime.main-unloadable",
                pluginId,
                null,
                "plugin '" + pluginId + "': " + what + " cannot be loaded: " + cause,
                "check that the plugin was built for Java 17 and that every jar it needs is in runtime.classpath",
                cause);
    }
}
