package dev.pincer.plugins.openai;

import dev.pincer.api.PluginException;
import dev.pincer.api.access.AccessDeniedException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Words the provider's failures as {@link PluginException}s a user can act on: what went wrong,
 * with which server, and which setting or command fixes it.
 *
 * <p>Immutable and thread-safe.
 */
final class Failures {

    /** The longest piece of a server's error message quoted in ours. */
    static final int MAX_QUOTE = 300;

    private final OpenAiSettings settings;
    private final JsonMapper json;

    Failures(OpenAiSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    PluginException missingKey() {
        String env = settings.apiKeyEnv();
        return new PluginException(
                "openai.missing-key",
                "the openai provider needs an API key in the environment variable " + env + ", which is not set;"
                        + " export " + env + "=<your key> before starting Pincer, or set api_key_env = \"\" in "
                        + OpenAiSettings.SECTION + " for a server without keys (Ollama, llama.cpp)");
    }

    PluginException keyNotGranted() {
        String env = settings.apiKeyEnv();
        return new PluginException(
                "openai.key-not-granted",
                "the openai plugin may not read the environment variable " + env + ": its approved permissions do"
                        + " not include it; run `pincer plugins approve openai`");
    }

    PluginException refusedKey(int status, byte[] body) {
        String why = "HTTP " + status + quote(body);
        if (!settings.needsKey()) {
            return new PluginException(
                    "openai.unauthorized",
                    host() + " asks for an API key (" + why + "), but api_key_env is empty in " + OpenAiSettings.SECTION
                            + "; set it to the environment variable that holds the key");
        }
        return new PluginException(
                "openai.unauthorized",
                host() + " refused the API key (" + why + "); check the key in the environment variable "
                        + settings.apiKeyEnv() + " and that it may use the model the request names");
    }

    PluginException notFound(String model, byte[] body) {
        return new PluginException(
                "openai.not-found",
                settings.endpoint() + " answered HTTP 404" + quote(body) + ": either the model \"" + model
                        + "\" is unknown there or base_url \"" + settings.baseUrl() + "\" is wrong (it is the part"
                        + " before /chat/completions, e.g. https://api.openai.com/v1); check model and base_url in "
                        + OpenAiSettings.SECTION);
    }

    /** Returns the failure after the last of {@code attempts} was answered 429 or 503. */
    PluginException exhausted(int status, int attempts, byte[] body) {
        return new PluginException(
                code(status),
                refused(status, attempts, body) + "; try again later or raise max_retries in "
                        + OpenAiSettings.SECTION);
    }

    /** Returns the failure when the server asked to wait {@code wait}, longer than the timeout leaves. */
    PluginException waitPastTimeout(int status, int attempts, byte[] body, Duration wait) {
        return new PluginException(
                code(status),
                refused(status, attempts, body) + " and asked to wait " + seconds(wait)
                        + ", longer than the timeout of "
                        + settings.timeoutText() + " leaves; try again later or raise timeout in "
                        + OpenAiSettings.SECTION);
    }

    private static String code(int status) {
        return status == 429 ? "openai.rate-limited" : "openai.unavailable";
    }

    private String refused(int status, int attempts, byte[] body) {
        String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
        String what = status == 429 ? "rate limited by " + host() : host() + " was unavailable";
        return what + " after " + tries + " (HTTP " + status + quote(body) + ")";
    }

    PluginException httpError(int status, byte[] body) {
        String quoted = quote(body);
        return new PluginException(
                "openai.http-" + status,
                settings.endpoint() + " answered HTTP " + status
                        + (quoted.isEmpty() ? " without an error message" : quoted));
    }

    /**
     * Returns the failure for a timeout after {@code waited}; when the host's own HTTP limit ended
     * the request before the configured timeout, says so instead of blaming the setting.
     */
    PluginException timeout(Duration waited, boolean streaming, Throwable cause) {
        String configured = settings.timeoutText();
        boolean hostLimit = waited.plusMillis(500).compareTo(settings.timeout()) < 0;
        String message;
        if (hostLimit) {
            message = "no answer from " + settings.baseUrl() + " within " + seconds(waited)
                    + ": Pincer's time limit for plugin HTTP requests is shorter than the configured timeout of "
                    + configured + "; raise [network] http_timeout in Pincer's config.toml"
                    + (streaming ? "" : ", or stream replies, which are limited only by silence between pieces");
        } else {
            message = "no answer from " + settings.baseUrl() + (streaming ? " for " : " within ") + configured
                    + (streaming ? " in the middle of a streamed reply" : "") + " (timeout in "
                    + OpenAiSettings.SECTION + ")";
        }
        return new PluginException("openai.timeout", message, cause);
    }

    PluginException malformed(String detail, byte[] body, Throwable cause) {
        return new PluginException(
                "openai.malformed",
                settings.endpoint() + " answered with something that is not a chat completion (" + detail + ")"
                        + snippet(body) + "; check that base_url points at an OpenAI-compatible API",
                cause);
    }

    PluginException incompleteStream() {
        return new PluginException(
                "openai.incomplete-stream",
                "the streamed reply from " + settings.endpoint() + " ended before the answer was complete (no"
                        + " finish_reason and no data: [DONE]); the server or a proxy dropped the connection, try"
                        + " again");
    }

    PluginException streamError(JsonNode error) {
        String message = error.path("message").isString()
                ? error.path("message").asString()
                : error.isString() ? error.asString() : error.toString();
        return new PluginException(
                "openai.stream-error",
                settings.endpoint() + " reported an error in the middle of a streamed reply: " + truncate(message));
    }

    PluginException unreachable(IOException e) {
        return new PluginException(
                "openai.unreachable",
                "could not reach " + settings.baseUrl() + ": " + e.getMessage() + "; check that the server is running"
                        + " and base_url in " + OpenAiSettings.SECTION,
                e);
    }

    PluginException broken(IOException e) {
        return new PluginException(
                "openai.stream-broken",
                "the streamed reply from " + settings.endpoint() + " broke off: " + e.getMessage() + "; try again",
                e);
    }

    /** Returns the guard's refusal with what to change: the private-hosts list, or the approval. */
    AccessDeniedException denied(AccessDeniedException e) {
        String hostPort = settings.hostPort();
        String hint = e.getMessage().contains("private network")
                ? "; if " + hostPort + " is a model server on this machine or network (Ollama, llama.cpp), let"
                        + " plugins reach it by adding it to the home config: [network] private_hosts = [\""
                        + hostPort + "\"]"
                : "; the plugin's network permission follows base_url (" + settings.baseUrl()
                        + "), so approve it again with `pincer plugins approve openai`";
        return new AccessDeniedException(e.getMessage() + hint);
    }

    /** Returns {@code ": <error.message>"} from an error body, truncated, or empty when it has none. */
    String quote(byte[] body) {
        String message = apiMessage(body);
        return message == null ? "" : ": " + truncate(message);
    }

    private String apiMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isString()) {
                return error.asString();
            }
            JsonNode message = error.path("message");
            return message.isString() && !message.asString().isBlank() ? message.asString() : null;
        } catch (JacksonException e) {
            return null; // Not JSON (an HTML error page from a proxy): the status says enough.
        }
    }

    private String host() {
        return URI.create(settings.baseUrl()).getHost();
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return ", an empty body";
        }
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8).strip();
        return ": " + truncate(text.replaceAll("\\s+", " "));
    }

    static String truncate(String text) {
        return text.length() <= MAX_QUOTE ? text : text.substring(0, MAX_QUOTE) + "…";
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 || millis >= 10_000 ? Math.round(millis / 1000.0) + "s" : millis + "ms";
    }
}
