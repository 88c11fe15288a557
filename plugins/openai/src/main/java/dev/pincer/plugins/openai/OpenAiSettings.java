package dev.pincer.plugins.openai;

import dev.pincer.api.PluginException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds the provider's settings, read from the plugin's configuration ({@code
 * [plugins.entries.openai.config]}).
 *
 * <p>Immutable and thread-safe. The constructor throws {@link NullPointerException} for a missing
 * value and {@link IllegalArgumentException} for an invalid one; {@link #from} reports a bad
 * configuration value as a {@link PluginException} naming the key.
 *
 * @param baseUrl the API's base URL without a trailing {@code /}, e.g. {@code
 *     https://api.openai.com/v1}
 * @param model the default model
 * @param extraModels further models the provider offers
 * @param apiKeyEnv the environment variable holding the API key, or empty when the server needs none
 * @param timeout how long to wait for an answer, and for each piece of a stream
 * @param timeoutText the timeout as configured, e.g. {@code 60s}, for messages
 * @param maxRetries how often a rate-limited or overloaded request is tried again, 0 to 5
 * @param temperature the sampling temperature, or {@code null} for the server's default
 * @since 0.1.0
 */
record OpenAiSettings(
        String baseUrl,
        String model,
        List<String> extraModels,
        String apiKeyEnv,
        Duration timeout,
        String timeoutText,
        int maxRetries,
        Double temperature) {

    /** Where the settings live in the config file, for messages. */
    static final String SECTION = "[plugins.entries.openai.config]";

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        extraModels = List.copyOf(extraModels);
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(timeoutText, "timeoutText");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeoutText);
        }
        if (maxRetries < 0 || maxRetries > 5) {
            throw new IllegalArgumentException("max_retries must be 0 to 5, but was " + maxRetries);
        }
    }

    /**
     * Reads the settings from the plugin's configuration, using the defaults of the manifest's
     * config schema for absent keys.
     *
     * @param config the configuration, as {@link dev.pincer.api.PluginContext#config()} gives it
     * @return the settings
     * @throws PluginException naming the key and the value when a value is unusable
     */
    static OpenAiSettings from(Map<String, Object> config) {
        String baseUrl = baseUrl(string(config, "base_url", "https://api.openai.com/v1"));
        String model = string(config, "model", "gpt-4o-mini").strip();
        if (model.isEmpty()) {
            throw invalid("model", "\"\"", "name a model, e.g. model = \"gpt-4o-mini\"");
        }
        String apiKeyEnv = string(config, "api_key_env", "OPENAI_API_KEY").strip();
        if (!apiKeyEnv.isEmpty() && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw invalid(
                    "api_key_env",
                    "\"" + apiKeyEnv + "\"",
                    "give the name of an environment variable (e.g. OPENAI_API_KEY), or \"\" for a server"
                            + " without keys");
        }
        String timeoutText = string(config, "timeout", "60s").strip();
        return new OpenAiSettings(
                baseUrl,
                model,
                models(config.get("models")),
                apiKeyEnv,
                duration(timeoutText),
                timeoutText,
                maxRetries(config.getOrDefault("max_retries", 2)),
                temperature(config.get("temperature")));
    }

    /** Returns the models the provider offers: {@link #model()} first, then the extra ones. */
    List<String> models() {
        List<String> all = new ArrayList<>();
        all.add(model);
        extraModels.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Returns the chat completions endpoint. */
    URI endpoint() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /** Returns whether requests carry an API key. */
    boolean needsKey() {
        return !apiKeyEnv.isEmpty();
    }

    /**
     * Returns the {@code host:port} the base URL points at, with the scheme's port when it names
     * none, as {@code [network] private_hosts} lists it.
     */
    String hostPort() {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String baseUrl(String text) {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String hint = "write the API's base URL without /chat/completions, e.g. https://api.openai.com/v1 or"
                + " http://localhost:11434/v1";
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw invalid("base_url", "\"" + text + "\"", hint);
            }
        } catch (URISyntaxException e) {
            throw invalid("base_url", "\"" + text + "\"", hint);
        }
        if (trimmed.endsWith("/chat/completions")) {
            throw invalid("base_url", "\"" + text + "\"", hint);
        }
        return trimmed;
    }

    private static List<String> models(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid("models", String.valueOf(value), "give a list of model names, e.g. models = [\"gpt-4o\"]");
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String name) || name.isBlank()) {
                throw invalid(
                        "models", String.valueOf(value), "give a list of model names, e.g. models = [\"gpt-4o\"]");
            }
            names.add(name.strip());
        }
        return names;
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw invalid(
                    "timeout", "\"" + text + "\"", "give a positive duration such as \"60s\", \"500ms\" or \"2m\"");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static int maxRetries(Object value) {
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.intValue() >= 0
                && n.intValue() <= 5) {
            return n.intValue();
        }
        throw invalid("max_retries", String.valueOf(value), "give a whole number from 0 to 5");
    }

    private static Double temperature(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 2) {
            return n.doubleValue();
        }
        throw invalid("temperature", String.valueOf(value), "give a number from 0 to 2, or leave it out");
    }

    private static String string(Map<String, Object> config, String key, String fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw invalid(key, String.valueOf(value), "give a string");
        }
        return text;
    }

    private static PluginException invalid(String key, String value, String hint) {
        return new PluginException(
                "openai.config", key + " = " + value + " in " + SECTION + " is not usable; " + hint + ".");
    }
}
