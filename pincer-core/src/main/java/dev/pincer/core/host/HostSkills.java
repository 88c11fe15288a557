package dev.pincer.core.host;

import dev.pincer.api.PluginContext;
import dev.pincer.api.PluginException;
import dev.pincer.api.Registration;
import dev.pincer.api.command.CommandResult;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.prompt.PromptMessage;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.Content;
import dev.pincer.core.commands.RegisteredCommand;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.registry.RegistrySnapshot;
import dev.pincer.core.skills.EffectiveSkill;
import dev.pincer.core.skills.Skill;
import dev.pincer.core.skills.SkillFiles;
import dev.pincer.core.skills.SkillLibrary;
import dev.pincer.core.skills.SkillPrompt;
import dev.pincer.core.skills.SkillSet;
import dev.pincer.core.skills.SkillsRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Offers the effective skills through a {@link PluginHost}, under the host-owned name {@value
 * #OWNER}: every eligible skill as a prompt (optional argument {@code input}), every eligible
 * user-invocable one as a slash command {@code /<name> [input]}, and each skill's files as the
 * resource template {@code skill://<name>/{path}}.
 *
 * <p>It republishes when the skills plugins registered change (on a thread of its own, since
 * registry listeners must not change the registry) and when {@link #refresh()} is called, for
 * instance by a watcher of the skills roots. A command name a plugin declares or holds, or a
 * built-in command, keeps its owner: the skill is then offered as a prompt only and the collision
 * is a finding in {@link #current()}, as is a skill name that cannot be a command name.
 *
 * <p>Thread-safe: publishing is serialised by the host.
 *
 * @since 0.1.0
 */
public final class HostSkills implements AutoCloseable {

    /** The host-owned name skills are offered under. */
    public static final String OWNER = "pincer:skills";

    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final int COMMAND_DESCRIPTION = 120;

    private final PluginHost host;
    private final SkillLibrary library;
    private final Supplier<List<Diagnostic>> runtimeFindings;
    private final Set<String> reservedCommands;
    private final Executor executor;
    private final ExecutorService owned;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Registration listener;
    private volatile SkillSet current = SkillSet.EMPTY;
    private volatile List<Capability> seen = List.of();
    private volatile boolean closed;

    private HostSkills(
            PluginHost host,
            SkillLibrary library,
            SkillsRuntime runtime,
            Set<String> reservedCommands,
            Executor executor,
            ExecutorService owned) {
        this.host = Objects.requireNonNull(host, "host");
        this.library = Objects.requireNonNull(library, "library");
        this.runtimeFindings = runtime == null ? List::of : runtime::findings;
        this.reservedCommands = Set.copyOf(reservedCommands);
        this.executor = executor;
        this.owned = owned;
        this.listener = host.onRegistryChange(this::changed);
    }

    /**
     * Publishes the skills of {@code library} on {@code host} now, and again whenever they change,
     * on a daemon thread of its own.
     *
     * @param runtime the skills runtime whose findings (skills its plugins could not load) are
     *     reported, or {@code null}
     * @param reservedCommands command names plugins declare in their manifests (lazy plugins take
     *     them later), which skills leave to them
     */
    public static HostSkills start(
            PluginHost host, SkillLibrary library, SkillsRuntime runtime, Set<String> reservedCommands) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pincer-skills");
            t.setDaemon(true);
            return t;
        });
        HostSkills skills = new HostSkills(host, library, runtime, reservedCommands, thread, thread);
        skills.refresh();
        return skills;
    }

    /**
     * Publishes as {@link #start(PluginHost, SkillLibrary, SkillsRuntime, Set)} does, republishing
     * on {@code executor} after a change of the registered skills.
     */
    public static HostSkills start(
            PluginHost host,
            SkillLibrary library,
            SkillsRuntime runtime,
            Set<String> reservedCommands,
            Executor executor) {
        HostSkills skills = new HostSkills(
                host, library, runtime, reservedCommands, Objects.requireNonNull(executor, "executor"), null);
        skills.refresh();
        return skills;
    }

    /**
     * Reads every skill again and republishes what changed (all of it, in one step on the host).
     *
     * @return the effective set, with the findings of publishing it
     */
    public SkillSet refresh() {
        if (closed) {
            return current;
        }
        host.publish(OWNER, context -> {
            RegistrySnapshot registry = host.registry();
            seen = skillEntries(registry);
            SkillSet set = library.load(registry, runtimeFindings.get());
            current = set.with(offer(context, set));
        });
        return current;
    }

    /** Returns the effective skills as last published, with every finding. */
    public SkillSet current() {
        return current;
    }

    /** Stops following changes and withdraws every prompt, command and resource of the skills. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close();
        if (owned != null) {
            owned.shutdownNow();
        }
        host.publish(OWNER, context -> {});
        current = SkillSet.EMPTY;
    }

    private void changed(RegistrySnapshot snapshot) {
        if (closed || skillEntries(snapshot).equals(seen) || !pending.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                pending.set(false);
                refresh();
            });
        } catch (RejectedExecutionException e) {
            pending.set(false);
        }
    }

    private static List<Capability> skillEntries(RegistrySnapshot snapshot) {
        return snapshot.all(CapabilityKind.SKILL);
    }

    /** Registers everything {@code set} offers on {@code context}; returns the findings. */
    private List<Diagnostic> offer(PluginContext context, SkillSet set) {
        List<Diagnostic> findings = new ArrayList<>();
        for (EffectiveSkill effective : set.eligible()) {
            Skill skill = effective.skill();
            prompt(context, skill, findings);
            if (skill.document().userInvocable()) {
                command(context, skill, findings);
            }
            if (skill.folder() != null) {
                resources(context, skill, findings);
            }
        }
        return findings;
    }

    private static void prompt(PluginContext context, Skill skill, List<Diagnostic> findings) {
        PromptSpec spec = new PromptSpec(
                skill.name(),
                skill.document().description(),
                List.of(new PromptSpec.Argument("input", "what to apply the skill to", false)));
        try {
            context.registerPrompt(
                    spec, arguments -> List.of(PromptMessage.user(SkillPrompt.render(skill, arguments.get("input")))));
        } catch (PluginException e) {
            findings.add(Diagnostic.warning(
                    "skill.prompt-collision",
                    skill.pluginId(),
                    skill.folder(),
                    "skill '" + skill.name() + "' is not offered as a prompt: " + e.getMessage(),
                    "rename the skill or the other prompt"));
        }
    }

    private void command(PluginContext context, Skill skill, List<Diagnostic> findings) {
        String name = skill.name();
        if (!COMMAND_NAME.matcher(name).matches()) {
            findings.add(Diagnostic.info(
                    "skill.not-a-command",
                    skill.pluginId(),
                    skill.folder(),
                    "skill '" + name + "' is not offered as a slash command: a command name starts with a letter"
                            + " and has at most 32 characters",
                    "it is still offered as a prompt; rename the skill to make it a command"));
            return;
        }
        Optional<String> holder = commandHolder(name);
        if (holder.isPresent()) {
            findings.add(collision(skill, holder.get()));
            return;
        }
        String description = skill.document().description();
        CommandSpec spec = CommandSpec.withArgs(
                name,
                description.length() <= COMMAND_DESCRIPTION
                        ? description
                        : description.substring(0, COMMAND_DESCRIPTION - 1) + "…",
                "[input]");
        try {
            context.registerCommand(
                    spec, invocation -> CommandResult.reply(SkillPrompt.render(skill, invocation.args())));
        } catch (PluginException e) {
            findings.add(collision(skill, e.getMessage()));
        }
    }

    /** Returns who holds or claims {@code /name}, in words, if anyone but the skills does. */
    private Optional<String> commandHolder(String name) {
        for (RegisteredCommand command : host.commands().commands()) {
            if (command.spec().name().equals(name)) {
                return Optional.of(
                        command.builtIn() ? "it is built into Pincer" : "plugin '" + command.pluginId() + "' has it");
            }
        }
        if (reservedCommands.contains(name)) {
            return Optional.of("a plugin declares it in its manifest");
        }
        return Optional.empty();
    }

    private static Diagnostic collision(Skill skill, String why) {
        return Diagnostic.warning(
                "skill.command-collision",
                skill.pluginId(),
                skill.folder(),
                "skill '" + skill.name() + "' is not offered as /" + skill.name() + " because " + why
                        + "; the other command keeps the name",
                "the skill is still offered as a prompt; rename it to get a slash command");
    }

    private void resources(PluginContext context, Skill skill, List<Diagnostic> findings) {
        ResourceSpec spec = new ResourceSpec(
                SkillPrompt.template(skill.name()),
                skill.name() + " files",
                "Files of skill '" + skill.name() + "'; {path} is a relative path with '/' written as %2F",
                null);
        int limit = library.limits().maxResourceBytes();
        try {
            context.registerResource(spec, (uri, variables) -> List.of(read(skill, uri, variables.get("path"), limit)));
        } catch (PluginException e) {
            findings.add(Diagnostic.warning(
                    "skill.resource-collision",
                    skill.pluginId(),
                    skill.folder(),
                    "the files of skill '" + skill.name() + "' are not offered: " + e.getMessage(),
                    null));
        }
    }

    private static Content.Resource read(Skill skill, String uri, String encoded, int limit) {
        String relative = SkillPrompt.decode(encoded == null ? "" : encoded).orElse(null);
        if (relative == null || !skill.files().contains(relative)) {
            throw new PluginException(
                    "skill.no-file",
                    "skill '" + skill.name() + "' has no file '" + (relative == null ? encoded : relative)
                            + "'; it has " + String.join(", ", skill.files()));
        }
        byte[] bytes;
        try {
            bytes = SkillFiles.read(skill.folder(), relative, limit);
        } catch (dev.pincer.core.diagnostics.PincerException e) {
            throw new PluginException("skill.file", e.getMessage());
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Content.Resource(uri, relative.endsWith(".md") ? "text/markdown" : "text/plain", text, null);
        } catch (CharacterCodingException e) {
            return new Content.Resource(
                    uri, "application/octet-stream", null, Base64.getEncoder().encodeToString(bytes));
        }
    }
}
