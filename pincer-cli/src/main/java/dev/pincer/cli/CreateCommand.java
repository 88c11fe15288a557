package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pincer plugins create <name>}: writes a new plugin project that builds and passes its own
 * test as written, for one of the runtimes (jvm, wasm, mcp, skills).
 *
 * <p>Nothing is written when the name, id, package or runtime is not valid or the target folder
 * exists with something in it; the project is written to a temporary sibling and moved into place,
 * so a failure part-way leaves nothing behind.
 *
 * <p>Not thread-safe; one per command-line run.
 *
 * @since 0.1.0
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = PincerCommand.Version.class,
        description = {
            "Create a plugin project in ./<name> (or <parent>/<name>) that builds and passes its own test.",
            "jvm: a Maven project (pincer-api, pincer-testkit) with a tool, a slash command and a test;"
                    + " wasm: AssemblyScript (Extism ABI) with build.sh and npm test;"
                    + " mcp: a manifest wrapping a Node MCP server, with npm test;"
                    + " skills: a manifest and a SKILL.md."
        })
final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    PluginsCommand plugins;

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "NAME",
            description = "The project's folder name, also the plugin id unless --id is given: lower-case letters"
                    + " and digits separated by single '-', '_' or '.', starting with a letter, 2 to 64 characters.")
    String name;

    @Option(
            names = "--runtime",
            paramLabel = "RUNTIME",
            defaultValue = "jvm",
            description = "jvm, wasm, mcp or skills. Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(
            names = "--dir",
            paramLabel = "PARENT",
            description = "The folder to create the project in. Default: the current directory.")
    Path dir;

    @Option(names = "--id", paramLabel = "ID", description = "The plugin id. Default: NAME.")
    String id;

    @Option(
            names = "--package",
            paramLabel = "PACKAGE",
            description = "The Java package of a jvm plugin. Default: com.example.<id>.")
    String javaPackage;

    @Override
    public Integer call() {
        PincerCommand top = plugins.top;
        Scaffold.Kind kind = Scaffold.Kind.of(runtime);
        if (kind == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Unknown runtime '" + runtime + "' for --runtime: use one of " + Scaffold.Kind.labels()
                            + "; nothing was written");
        }
        requireId(name, "name", "pincer plugins create my-plugin");
        String pluginId = id == null ? name : id;
        requireId(pluginId, "id", "--id my-plugin");
        String packageName = javaPackage == null ? Scaffold.defaultPackage(pluginId) : javaPackage;
        if (!SourceVersion.isName(packageName)) {
            throw new PincerException(
                    "cli.create.package",
                    pluginId,
                    null,
                    "'" + packageName + "' is not a valid Java package name; nothing was written",
                    "pass --package with dot-separated Java identifiers that are not keywords, e.g. com.example.tools");
        }
        Path base = dir == null ? Path.of("") : dir;
        Path target = top.workingDirectory()
                .resolve(base)
                .resolve(name)
                .toAbsolutePath()
                .normalize();
        requireEmpty(target, pluginId);
        Scaffold scaffold = new Scaffold(
                kind, pluginId, packageName, PincerVersion.current().text());
        List<String> files = scaffold.writeTo(target);
        report(top.out(), scaffold, base.resolve(name), target, files);
        return 0;
    }

    private static void requireId(String value, String what, String example) {
        if (!Scaffold.isValidId(value)) {
            throw new PincerException(
                    "cli.create." + what,
                    null,
                    null,
                    "'" + value + "' is not a valid plugin " + what + ": use lower-case letters and digits separated by"
                            + " single '-', '_' or '.', starting with a letter, " + Scaffold.MIN_ID_LENGTH + " to "
                            + Scaffold.MAX_ID_LENGTH + " characters; nothing was written",
                    "e.g. `" + example + "`"
                            + (what.equals("name") ? "; use --dir to create it in another folder" : ""));
        }
    }

    private static void requireEmpty(Path target, String pluginId) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean empty = false;
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(target)) {
                empty = children.findAny().isEmpty();
            } catch (IOException e) {
                empty = false;
            }
        }
        if (!empty) {
            throw new PincerException(
                    "cli.create.exists",
                    pluginId,
                    target,
                    target + " already exists and is not an empty folder; nothing was written",
                    "choose another name, remove that folder, or create the project elsewhere with --dir");
        }
    }

    private static void report(PrintWriter out, Scaffold scaffold, Path shown, Path target, List<String> files) {
        String where = shown.isAbsolute() || shown.startsWith("..") ? shown.toString() : "./" + shown;
        out.println("Created " + scaffold.kind().label() + " plugin '" + scaffold.id() + "' in " + target + ":");
        files.forEach(f -> out.println("  " + f));
        out.println();
        out.println("Next:");
        String folder = where;
        if (scaffold.kind() == Scaffold.Kind.JVM) {
            out.println("  (cd " + where + " && mvn verify)     # builds target/plugin and runs its test");
            folder = where + "/target/plugin";
        } else if (scaffold.kind() == Scaffold.Kind.WASM) {
            out.println("  " + where + "/build.sh     # npm install, builds plugin.wasm, runs npm test");
        } else if (scaffold.kind() == Scaffold.Kind.MCP) {
            out.println("  (cd " + where + " && npm install && npm test)     # starts the server, calls its tool");
        }
        out.println("  pincer plugins install " + folder + "     # or with --link while you develop");
        if (scaffold.kind() == Scaffold.Kind.SKILLS) {
            out.println("  pincer skills inspect " + scaffold.skill());
            out.println("  pincer plugins doctor     # explains anything wrong in the manifest or a SKILL.md");
        } else {
            out.println("  pincer tools call " + scaffold.tool() + " --args '{\"name\": \"Ada\"}'");
        }
    }
}
