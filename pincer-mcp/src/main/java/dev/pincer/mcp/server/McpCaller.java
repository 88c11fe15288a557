package dev.pincer.mcp.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.pincer.api.PluginException;
import dev.pincer.api.tool.Caller;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ElicitReply;
import dev.pincer.api.tool.SampleReply;
import dev.pincer.api.tool.SampleRequest;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Lets a tool talk back to the MCP client that called it, over that client's session: progress
 * when the request carried a progress token, log lines at or above the level the client set,
 * sampling and elicitation when the client declared them.
 *
 * <p>Thread-safe; valid while the call runs.
 */
final class McpCaller implements Caller {

    private final McpAsyncServerExchange exchange;
    private final Object progressToken;
    private final String loggerName;
    private final Duration timeout;

    McpCaller(McpAsyncServerExchange exchange, Object progressToken, String loggerName, Duration timeout) {
        this.exchange = exchange;
        this.progressToken = progressToken;
        this.loggerName = loggerName;
        this.timeout = timeout;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken != null) {
            exchange.progressNotification(
                            new McpSchema.ProgressNotification(progressToken, progress, total, message, null))
                    .block(timeout);
        }
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(level(level), loggerName, message, null))
                .block(timeout);
    }

    @Override
    public boolean canSample() {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        return capabilities != null && capabilities.sampling() != null;
    }

    @Override
    public SampleReply sample(SampleRequest request) {
        if (!canSample()) {
            throw new PluginException(
                    "caller.no-sampling",
                    "the MCP client " + client() + " did not declare the sampling capability, so it cannot be asked"
                            + " for a completion");
        }
        McpSchema.CreateMessageRequest create = new McpSchema.CreateMessageRequest(
                request.messages().stream()
                        .map(m -> new McpSchema.SamplingMessage(
                                Contents.toMcp(m.role()), Contents.toMcp(m.content(), String::valueOf)))
                        .toList(),
                null,
                request.systemPrompt(),
                null,
                null,
                request.maxTokens(),
                null,
                null,
                null);
        McpSchema.CreateMessageResult result;
        try {
            result = exchange.createMessage(create).block(timeout);
        } catch (RuntimeException e) {
            throw new PluginException(
                    "caller.sampling-failed",
                    "the MCP client " + client() + " did not answer the sampling request: " + e.getMessage(),
                    e);
        }
        if (result == null) {
            throw new PluginException("caller.sampling-failed", "the MCP client " + client() + " sent no completion");
        }
        return new SampleReply(
                Contents.fromMcp(result.role()),
                result.content() == null ? Content.text("") : Contents.fromMcp(result.content()),
                result.model(),
                result.stopReason() == null ? null : result.stopReason().name());
    }

    @Override
    public boolean canElicit() {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        return capabilities != null && capabilities.elicitation() != null;
    }

    @Override
    public ElicitReply elicit(String message, Map<String, Object> requestedSchema) {
        if (!canElicit()) {
            throw new PluginException(
                    "caller.no-elicitation",
                    "the MCP client " + client() + " did not declare the elicitation capability, so it cannot ask a"
                            + " person for input");
        }
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(new FormElicitation(message, requestedSchema))
                    .block(timeout);
        } catch (RuntimeException e) {
            throw new PluginException(
                    "caller.elicitation-failed",
                    "the MCP client " + client() + " did not answer the request for input: " + e.getMessage(),
                    e);
        }
        if (result == null) {
            throw new PluginException("caller.elicitation-failed", "the MCP client " + client() + " sent no answer");
        }
        ElicitReply.Action action =
                ElicitReply.Action.valueOf(result.action().name().toUpperCase(Locale.ROOT));
        return new ElicitReply(action, result.content());
    }

    /**
     * Asks for form input like the SDK's {@code ElicitFormRequest}, which Jackson 3.2 refuses to
     * write ("Conflict between type id property 'mode' and bean property with same name"), so every
     * elicitation failed before it reached the client. This record writes {@code mode} once, as a
     * plain property, and no type id.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record FormElicitation(
            @JsonProperty("message") String message,
            @JsonProperty("requestedSchema") Map<String, Object> requestedSchema)
            implements McpSchema.ElicitRequest {

        @Override
        @JsonProperty("mode")
        public String mode() {
            return McpSchema.ElicitFormRequest.MODE;
        }

        @Override
        @JsonProperty("_meta")
        public Map<String, Object> meta() {
            return null;
        }
    }

    private String client() {
        McpSchema.Implementation info = exchange.getClientInfo();
        return info == null ? "(unnamed)" : "'" + info.name() + "'";
    }

    private static McpSchema.LoggingLevel level(System.Logger.Level level) {
        return switch (level) {
            case ALL, TRACE, DEBUG -> McpSchema.LoggingLevel.DEBUG;
            case INFO -> McpSchema.LoggingLevel.INFO;
            case WARNING -> McpSchema.LoggingLevel.WARNING;
            case ERROR, OFF -> McpSchema.LoggingLevel.ERROR;
        };
    }
}
