package dev.pincer.mcp.runtime;

import dev.pincer.api.PluginContext;
import dev.pincer.api.PluginException;
import dev.pincer.api.access.FileAccess;
import dev.pincer.core.manifest.RuntimeSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one stdio MCP server is started: the resolved executable, its expanded arguments, its whole
 * environment and its working folder.
 *
 * <p>Arguments and {@code env} values may hold {@code ${plugin}} (the plugin folder), {@code
 * ${data}} (its data folder) and {@code ${work}} (the child's working folder, {@code work/} in the
 * data folder); an argument that is exactly {@code ${roots}} becomes one argument per filesystem
 * root the plugin was granted (none when it was granted none). The environment is {@code env}
 * from the manifest plus every env name the plugin was granted, read through the guarded {@link
 * PluginContext#env()} (so each read is audited); nothing else of Pincer's environment reaches the
 * child, not even {@code PATH}.
 *
 * @param command the executable's absolute path
 * @param args the expanded arguments
 * @param env the child's entire environment
 * @param workDir the child's working folder, existing
 */
record Launch(String command, List<String> args, Map<String, String> env, Path workDir) {

    static final String ROOTS = "${roots}";

    Launch {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /**
     * Prepares the launch of {@code spec}'s command for the plugin behind {@code context}.
     *
     * @param hostPath Pincer's own {@code PATH}, where a bare command name is looked up
     * @throws PluginException if the command cannot be found or run, a placeholder is misused, or
     *     the working folder cannot be made
     */
    static Launch prepare(RuntimeSpec.Mcp spec, Path folder, PluginContext context, String hostPath) {
        String id = context.pluginId();
        Path data = context.dataDirectory();
        Path work = data.resolve("work");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new PluginException(
                    "mcp.workdir",
                    "plugin '" + id + "' cannot have its working folder " + work + ": " + e.getMessage());
        }
        Map<String, String> values = Map.of(
                "${plugin}", folder.toAbsolutePath().toString(),
                "${data}", data.toAbsolutePath().toString(),
                "${work}", work.toAbsolutePath().toString());
        List<String> args = new ArrayList<>();
        for (String arg : spec.args()) {
            if (arg.equals(ROOTS)) {
                context.files().roots().stream().map(FileAccess.Root::path).forEach(args::add);
            } else if (arg.contains(ROOTS)) {
                throw new PluginException(
                        "mcp.placeholder",
                        "plugin '" + id + "' uses " + ROOTS + " inside the argument '" + arg + "' of runtime.args;"
                                + " it expands to one argument per granted root, so it must be an argument of its own");
            } else {
                args.add(expand(arg, values));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        spec.env().forEach((k, v) -> env.put(k, expand(v, values)));
        for (String name : context.env().granted()) {
            context.env().get(name).ifPresent(value -> env.put(name, value));
        }
        return new Launch(resolve(id, spec.command(), folder, hostPath), args, env, work);
    }

    /** Returns the command line as a person reads it in a message, e.g. {@code `node server.js`}. */
    String display() {
        StringBuilder line = new StringBuilder("`").append(command);
        args.forEach(a -> line.append(' ').append(a));
        return line.append('`').toString();
    }

    /** Returns a process builder with exactly this environment and working folder. */
    ProcessBuilder builder() {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    private static String expand(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }

    /** A command with a separator is a path (relative to the plugin folder); a bare name is looked up. */
    private static String resolve(String id, String command, Path folder, String hostPath) {
        if (command.contains("/") || command.contains(File.separator)) {
            Path path = folder.resolve(command).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new PluginException(
                        "mcp.command",
                        "plugin '" + id + "' names the command '" + command + "' in runtime.command, but " + path
                                + " is not an executable file; fix the path or make the file executable");
            }
            return path.toString();
        }
        if (hostPath != null) {
            for (String dir : hostPath.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir).resolve(command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath().toString();
                }
            }
        }
        throw new PluginException(
                "mcp.command",
                "plugin '" + id + "' runs the command '" + command + "', which is not on Pincer's PATH ("
                        + (hostPath == null ? "unset" : hostPath) + "); install it or give runtime.command as a path");
    }
}
