package dev.pincer.core.agent;

import dev.pincer.api.hook.AgentEndEvent;
import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.ModelResolveEvent;
import dev.pincer.api.hook.PromptBuildEvent;
import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ChatResponse;
import dev.pincer.api.provider.Provider;
import dev.pincer.api.provider.ToolCallRequest;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.config.AgentSettings;
import dev.pincer.core.hooks.HookResult;
import dev.pincer.core.host.Invocation;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ToolInfo;
import dev.pincer.core.host.ToolRequest;
import dev.pincer.core.lifecycle.Outcome;
import dev.pincer.core.lifecycle.Phase;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one agent turn: picks the provider and model ({@code before_model_resolve}), builds the
 * system prompt ({@code before_prompt_build}), then calls the model and the tools it asks for,
 * through the one tool invocation path, until it answers or the step limit is reached; {@code
 * agent_end} says how it ended.
 *
 * <p>Every failure becomes a sentence for the person who wrote the message; a turn never hangs
 * past {@code [agent] turn_timeout}. Thread-safe: turns of different sessions run concurrently.
 */
final class AgentTurn {

    /** The most characters of one tool result handed back to the model. */
    static final int MAX_TOOL_RESULT_CHARS = 64 * 1024;

    /** What the person reads when no provider can answer. */
    static final String NO_PROVIDER = "No model provider is configured, so only slash commands work here (type"
            + " /help). To talk to a model, enable the bundled OpenAI-compatible provider: `pincer plugins enable"
            + " openai`, set base_url and model under [plugins.entries.openai.config] in config.toml (and export"
            + " its API key, OPENAI_API_KEY by default), then `pincer plugins approve openai`. Any other plugin that"
            + " provides a model works too; choose one with [agent] provider.";

    private final PluginHost host;
    private final AgentSettings settings;
    private final Persona persona;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * How a turn ended: exactly one of {@code reply} and {@code error}, both text for the person.
     */
    record Result(String reply, String error) {
        String text() {
            return reply != null ? reply : error;
        }
    }

    AgentTurn(PluginHost host, AgentSettings settings, Persona persona, Clock clock) {
        this.host = host;
        this.settings = settings;
        this.persona = persona;
        this.clock = clock;
    }

    /**
     * Runs a turn for {@code prompt} in {@code session}.
     *
     * @param partials told the reply's text so far while the model writes it, or {@code null} when
     *     the reply is not streamed
     */
    Result run(Session session, String prompt, Consumer<String> partials) {
        long started = System.nanoTime();
        Instant deadline = clock.instant().plus(settings.turnTimeout());
        Result result;
        try {
            result = turn(session, prompt, partials, deadline);
        } catch (RuntimeException e) {
            result = new Result(null, "The turn failed inside Pincer: " + e + ". This is a bug; please report it.");
        }
        if (result.reply() != null) {
            session.remember(ChatMessage.user(prompt), ChatMessage.assistant(result.reply()), settings.history());
        }
        host.hooks()
                .fire(
                        HookPoint.AGENT_END,
                        new AgentEndEvent(
                                session.id(),
                                result.reply(),
                                result.error(),
                                Duration.ofNanos(System.nanoTime() - started)));
        return result;
    }

    private Result turn(Session session, String prompt, Consumer<String> partials, Instant deadline) {
        HookResult<ModelResolveEvent> resolved =
                host.hooks().fire(HookPoint.BEFORE_MODEL_RESOLVE, defaults(session, prompt));
        if (!resolved.proceeds()) {
            return failed("plugin '" + resolved.pluginId() + "' stopped the turn before a model was chosen: "
                    + resolved.reason());
        }
        ModelResolveEvent choice = resolved.event();
        if (choice.providerId() == null) {
            return failed(NO_PROVIDER);
        }
        Optional<Capability> found = provider(session, choice.providerId());
        if (found.isEmpty()) {
            return failed(missing(choice.providerId()));
        }
        Capability capability = found.get();
        Provider provider = capability.valueAs(Provider.class);

        HookResult<PromptBuildEvent> built = host.hooks()
                .fire(
                        HookPoint.BEFORE_PROMPT_BUILD,
                        new PromptBuildEvent(session.id(), prompt, persona.systemPrompt()));
        if (!built.proceeds()) {
            return failed(
                    "plugin '" + built.pluginId() + "' stopped the turn while the prompt was built: " + built.reason());
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (!built.event().systemPrompt().isBlank()) {
            messages.add(ChatMessage.system(built.event().systemPrompt()));
        }
        messages.addAll(session.history(settings.history()));
        messages.add(ChatMessage.user(built.event().prompt()));
        List<ToolSpec> tools = tools();

        for (int step = 1; step <= settings.maxSteps(); step++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return failed(late(capability));
            }
            ChatRequest request = new ChatRequest(choice.model(), messages, tools, null);
            StringBuilder soFar = new StringBuilder();
            Outcome<ChatResponse> answered = host.callInto(
                    capability,
                    Phase.PROVIDER,
                    left,
                    () -> partials == null
                            ? provider.chat(request)
                            : provider.stream(request, delta -> {
                                soFar.append(delta);
                                partials.accept(soFar.toString());
                            }));
            if (answered instanceof Outcome.TimedOut<ChatResponse>) {
                return failed(late(capability));
            }
            if (answered instanceof Outcome.Failed<ChatResponse> failed) {
                // A provider's own PluginException is written for the person already.
                String why = failed.error() instanceof dev.pincer.api.PluginException own
                        ? own.getMessage()
                        : failed.message();
                return failed("The model provider '" + capability.name() + "' failed: " + why);
            }
            ChatResponse response = ((Outcome.Ok<ChatResponse>) answered).value();
            if (response == null) {
                return failed("The model provider '" + capability.name() + "' (plugin '" + capability.owner()
                        + "') answered nothing; this is a bug in the plugin.");
            }
            if (response.toolCalls().isEmpty()) {
                if (response.text().isBlank()) {
                    return failed("The model gave an empty answer (finish reason "
                            + response.finishReason().name().toLowerCase(java.util.Locale.ROOT) + ").");
                }
                return new Result(response.text(), null);
            }
            messages.add(ChatMessage.assistantCalling(response.text(), response.toolCalls()));
            for (ToolCallRequest call : response.toolCalls()) {
                messages.add(ChatMessage.toolResult(call.id(), callTool(session, call)));
            }
        }
        return failed("The model kept asking for tools and gave no answer after " + settings.maxSteps()
                + " steps ([agent] max_steps in config.toml).");
    }

    /**
     * Returns what the turn starts from: the configured provider and model; or, with no provider
     * configured, the only one registered or declared; with a provider but no model, its first.
     */
    private ModelResolveEvent defaults(Session session, String prompt) {
        String providerId = settings.provider();
        if (providerId == null) {
            List<String> registered = host.registry().all(CapabilityKind.PROVIDER).stream()
                    .map(Capability::name)
                    .toList();
            if (registered.size() == 1) {
                providerId = registered.get(0);
            } else if (registered.isEmpty() && host.declaresLazily(CapabilityKind.PROVIDER, null)) {
                List<String> activated = host.activateDeclaring(
                        CapabilityKind.PROVIDER, null, "an agent turn needs a model provider and it declares one");
                List<Capability> now = host.registry().all(CapabilityKind.PROVIDER);
                providerId = activated.isEmpty() || now.size() != 1
                        ? null
                        : now.get(0).name();
            }
        }
        if (providerId == null) {
            return new ModelResolveEvent(session.id(), prompt, null, null);
        }
        String model = settings.model();
        if (model == null) {
            model = provider(session, providerId).flatMap(this::firstModel).orElse(null);
        }
        return model == null
                ? new ModelResolveEvent(session.id(), prompt, null, null)
                : new ModelResolveEvent(session.id(), prompt, providerId, model);
    }

    private Optional<String> firstModel(Capability capability) {
        Outcome<List<String>> models = host.callInto(capability, Phase.PROVIDER, null, () -> capability
                .valueAs(Provider.class)
                .models());
        return models instanceof Outcome.Ok<List<String>> ok
                        && ok.value() != null
                        && !ok.value().isEmpty()
                ? Optional.of(ok.value().get(0))
                : Optional.empty();
    }

    /** Returns the registered provider {@code id}, activating the lazy plugin that declares it first. */
    private Optional<Capability> provider(Session session, String id) {
        Optional<Capability> found = host.registry().find(CapabilityKind.PROVIDER, id);
        if (found.isEmpty() && host.declaresLazily(CapabilityKind.PROVIDER, id)) {
            host.activateDeclaring(
                    CapabilityKind.PROVIDER,
                    id,
                    "an agent turn on channel " + session.channelId() + " needs model provider '" + id + "'");
            found = host.registry().find(CapabilityKind.PROVIDER, id);
        }
        return found;
    }

    /** Says why provider {@code id} cannot answer, and what to do. */
    private String missing(String id) {
        Map<String, PluginState> states = host.states();
        for (Map.Entry<String, PluginState> plugin : states.entrySet()) {
            boolean declares = host.manifestOf(plugin.getKey())
                    .map(m -> m.provides().providers().contains(id))
                    .orElse(false);
            if (declares) {
                return "The model provider '" + id + "' comes from plugin '" + plugin.getKey() + "', which is "
                        + plugin.getValue().label() + "; `pincer plugins inspect " + plugin.getKey()
                        + "` says why and what to do.";
            }
        }
        List<String> others = host.registry().all(CapabilityKind.PROVIDER).stream()
                .map(Capability::name)
                .toList();
        return "No plugin provides the model provider '" + id + "' that [agent] provider names"
                + (others.isEmpty() ? "." : "; these do: " + String.join(", ", others) + ".");
    }

    private String late(Capability capability) {
        return "The model provider '" + capability.name() + "' did not answer within "
                + settings.turnTimeout().toSeconds() + " s ([agent] turn_timeout in config.toml).";
    }

    /** Returns every tool the model may ask for: registered ones and those lazy plugins declare. */
    private List<ToolSpec> tools() {
        List<ToolSpec> specs = new ArrayList<>();
        for (ToolInfo info : host.toolCatalog()) {
            specs.add(new ToolSpec(
                    info.name(),
                    info.description() == null ? "" : info.description(),
                    info.inputSchemaJson() == null ? ToolSpec.ANY_OBJECT_SCHEMA : info.inputSchemaJson(),
                    info.destructive()));
        }
        return specs;
    }

    /** Calls the tool the model asked for and returns what the model reads back. */
    private String callTool(Session session, ToolCallRequest call) {
        Map<String, Object> arguments;
        try {
            Object parsed =
                    call.argumentsJson().isBlank() ? Map.of() : json.readValue(call.argumentsJson(), Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                return "error: the arguments for tool '" + call.name() + "' must be a JSON object";
            }
            arguments = new LinkedHashMap<>();
            map.forEach((k, v) -> arguments.put(String.valueOf(k), v));
        } catch (JacksonException e) {
            return "error: the arguments for tool '" + call.name() + "' are not valid JSON: " + e.getOriginalMessage();
        }
        Invocation invocation = host.tools()
                .invoke(new ToolRequest(call.name(), arguments, session.id(), "agent:" + session.channelId(), false));
        String text = invocation.status() == Invocation.Status.COMPLETED
                ? (invocation.result().isError() ? "error: " : "")
                        + render(invocation.result().content())
                : "error (" + invocation.status().label() + "): " + invocation.message();
        return text.length() > MAX_TOOL_RESULT_CHARS
                ? text.substring(0, MAX_TOOL_RESULT_CHARS) + "\n[cut at " + MAX_TOOL_RESULT_CHARS + " characters]"
                : text;
    }

    private String render(List<Content> content) {
        StringBuilder out = new StringBuilder();
        for (Content item : content) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (item instanceof Content.Text text) {
                out.append(text.text());
            } else if (item instanceof Content.Json value) {
                out.append(json.writeValueAsString(value.value()));
            } else if (item instanceof Content.Resource resource) {
                out.append(
                        resource.text() != null
                                ? resource.text()
                                : "[binary resource " + resource.uri() + " (" + resource.mimeType() + ")]");
            } else if (item instanceof Content.Image image) {
                out.append("[image (").append(image.mimeType()).append(")]");
            } else if (item instanceof Content.Audio audio) {
                out.append("[audio (").append(audio.mimeType()).append(")]");
            }
        }
        return out.toString();
    }

    private static Result failed(String message) {
        return new Result(null, message);
    }
}
