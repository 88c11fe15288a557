package dev.pincer.api;

import dev.pincer.api.access.EnvAccess;
import dev.pincer.api.access.FileAccess;
import dev.pincer.api.access.HttpAccess;
import dev.pincer.api.access.ProcessAccess;
import dev.pincer.api.channel.Channel;
import dev.pincer.api.channel.Stage;
import dev.pincer.api.command.CommandHandler;
import dev.pincer.api.command.CommandSpec;
import dev.pincer.api.hook.HookHandler;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.memory.MemoryBackend;
import dev.pincer.api.prompt.PromptHandler;
import dev.pincer.api.prompt.PromptSpec;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.resource.ResourceHandler;
import dev.pincer.api.resource.ResourceSpec;
import dev.pincer.api.tool.ToolHandler;
import dev.pincer.api.tool.ToolSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a plugin its identity, configuration and storage, and takes the capabilities it registers.
 *
 * <p>This is all of the host a plugin sees. Pincer passes it to {@link Plugin#activate}; it stays
 * valid until the plugin is deactivated. Every registration method returns a {@link Registration}
 * that withdraws the capability early; everything still registered is withdrawn automatically at
 * deactivation. Registration methods throw {@link NullPointerException} for {@code null}
 * arguments, {@link IllegalStateException} once the plugin has been deactivated, and {@link
 * PluginException} when Pincer refuses the registration, for example because the plugin already
 * registered a capability of the same kind under that name or its manifest does not declare it.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface PluginContext {

    /** The priority {@link #on(HookPoint, HookHandler)} registers with. */
    int DEFAULT_PRIORITY = 0;

    /**
     * Returns the plugin's id, as declared in its manifest.
     *
     * @return the id, never {@code null}
     */
    String pluginId();

    /**
     * Returns the plugin's version, as declared in its manifest.
     *
     * @return the semantic version, never {@code null}
     */
    String pluginVersion();

    /**
     * Returns the plugin's configuration, already validated against the manifest's JSON Schema
     * and with {@code ${ENV}} references interpolated.
     *
     * <p>The map and everything in it are immutable JSON-like values: a JSON object is a {@code
     * Map<String, Object>}, an array a {@code List<Object>}, and the rest are {@code String},
     * {@code Number}, {@code Boolean} or {@code null}. A plugin without configuration gets an
     * empty map.
     *
     * @return the configuration, never {@code null}
     */
    Map<String, Object> config();

    /**
     * Returns a directory private to this plugin that survives restarts and reloads.
     *
     * @return an existing, writable directory, never {@code null}
     */
    Path dataDirectory();

    /**
     * Returns a logger named after the plugin, whose output Pincer attributes to it.
     *
     * @return the logger, never {@code null}
     */
    System.Logger logger();

    /**
     * Returns the HTTP client that reaches the hosts this plugin was granted, and only those.
     *
     * @return the client, never {@code null}
     */
    HttpAccess http();

    /**
     * Returns file access under the paths this plugin was granted, in the granted modes.
     *
     * @return the file access, never {@code null}
     */
    FileAccess files();

    /**
     * Returns the environment variables this plugin was granted; others read as unset.
     *
     * @return the environment, never {@code null}
     */
    EnvAccess env();

    /**
     * Returns process execution, which works only when this plugin was granted {@code shell}.
     *
     * @return process execution, never {@code null}
     */
    ProcessAccess processes();

    /**
     * Registers a tool an agent can call.
     *
     * @param spec the tool's name, description and input schema
     * @param handler answers calls to the tool; called concurrently, so it must be thread-safe
     * @return the registration, to withdraw the tool early
     */
    Registration registerTool(ToolSpec spec, ToolHandler handler);

    /**
     * Registers a slash command a user can type in a channel.
     *
     * @param spec the command's name and description
     * @param handler answers invocations; called concurrently, so it must be thread-safe
     * @return the registration, to withdraw the command early
     */
    Registration registerCommand(CommandSpec spec, CommandHandler handler);

    /**
     * Registers a handler on a hook point with {@link #DEFAULT_PRIORITY}.
     *
     * @param <E> the hook point's event type
     * @param hook the hook point, one of the constants of {@link HookPoint}
     * @param handler handles the hook's events as its {@link dev.pincer.api.hook.HookKind} says
     * @return the registration, to remove the handler early
     */
    default <E> Registration on(HookPoint<E> hook, HookHandler<E> handler) {
        return on(hook, DEFAULT_PRIORITY, handler);
    }

    /**
     * Registers a handler on a hook point with a priority.
     *
     * <p>On sequential hook points, handlers with a higher priority run first; handlers with equal
     * priority run in registration order. Observing hook points ignore priority.
     *
     * @param <E> the hook point's event type
     * @param hook the hook point, one of the constants of {@link HookPoint}
     * @param priority the handler's priority; higher runs earlier
     * @param handler handles the hook's events as its {@link dev.pincer.api.hook.HookKind} says
     * @return the registration, to remove the handler early
     */
    <E> Registration on(HookPoint<E> hook, int priority, HookHandler<E> handler);

    /**
     * Adds a rule to the policy every tool call passes, before any plugin hook runs. Rules can
     * only tighten policy: hold a call for a person's approval, or deny it.
     *
     * <p>Only plugins a person listed in {@code [policy] trusted} in the home config may add rules;
     * for others this throws {@link PluginException}. A rule that throws or does not answer within
     * the plugin's hook time limit denies the call.
     *
     * @param rule the rule
     * @return the registration, to withdraw the rule early
     */
    Registration registerPolicy(dev.pincer.api.policy.PolicyRule rule);

    /**
     * Registers a skill an agent can load.
     *
     * @param skill the skill
     * @return the registration, to withdraw the skill early
     */
    Registration registerSkill(SkillSpec skill);

    /**
     * Registers a background service, started once activation finishes.
     *
     * @param service the service
     * @return the registration; closing it stops the service and withdraws it
     */
    Registration registerService(Service service);

    /**
     * Registers a channel through which messages arrive and replies leave.
     *
     * @param channel the channel
     * @return the registration; closing it stops the channel and withdraws it
     */
    Registration registerChannel(Channel channel);

    /**
     * Registers a stage of the inbound or outbound message pipeline.
     *
     * @param stage the stage
     * @return the registration, to withdraw the stage early
     */
    Registration registerStage(Stage stage);

    /**
     * Registers a model provider agents can chat with.
     *
     * @param provider the provider
     * @return the registration, to withdraw the provider early
     */
    Registration registerProvider(Provider provider);

    /**
     * Registers a memory backend; the {@code memory} slot decides which one is in use. When the
     * slot names this plugin, the host's memory tools call the backend through the guard, with
     * this plugin's time limit; a plugin that fills the slot should start with the host (not
     * lazily), since memory calls do not activate it.
     *
     * @param backend the backend
     * @return the registration, to withdraw the backend early
     */
    Registration registerMemory(MemoryBackend backend);

    /**
     * Registers a resource (or a resource template, when its URI holds {@code {variables}}) that
     * agents and people can read by URI.
     *
     * @param spec the resource's URI, name and media type
     * @param handler reads it; called concurrently, so it must be thread-safe
     * @return the registration, to withdraw the resource early
     */
    Registration registerResource(ResourceSpec spec, ResourceHandler handler);

    /**
     * Registers a prompt people can start a conversation with.
     *
     * @param spec the prompt's name and arguments
     * @param handler renders it; called concurrently, so it must be thread-safe
     * @return the registration, to withdraw the prompt early
     */
    Registration registerPrompt(PromptSpec spec, PromptHandler handler);
}
