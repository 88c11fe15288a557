package dev.pincer.plugins.openai;

import dev.pincer.api.provider.ChatMessage;
import dev.pincer.api.provider.ChatRequest;
import dev.pincer.api.provider.ToolCallRequest;
import dev.pincer.api.tool.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the tool names of one request to names OpenAI accepts ({@code ^[a-zA-Z0-9_-]{1,64}$}) and
 * back: a name that already fits is kept; any other, such as {@code hello.greet}, becomes a safe
 * name ({@code hello_greet}) that no other tool of the request uses, and a tool call the model
 * makes under the safe name is reported under the original one.
 *
 * <p>Built per request from its tools and the tool calls in its history, so the same name maps the
 * same way on every turn of a conversation. Immutable and thread-safe.
 */
final class ToolNames {

    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_-]");

    private final Map<String, String> safe;
    private final Map<String, String> original;

    private ToolNames(Map<String, String> safe, Map<String, String> original) {
        this.safe = Map.copyOf(safe);
        this.original = Map.copyOf(original);
    }

    /** Returns the mapping for {@code request}: its tools, then the tool calls of its messages. */
    static ToolNames of(ChatRequest request) {
        Set<String> names = new LinkedHashSet<>();
        request.tools().stream().map(ToolSpec::name).forEach(names::add);
        for (ChatMessage message : request.messages()) {
            message.toolCalls().stream().map(ToolCallRequest::name).forEach(names::add);
        }
        return of(names);
    }

    /** Returns the mapping for {@code names}; names that already fit keep themselves. */
    static ToolNames of(Set<String> names) {
        Map<String, String> safe = new HashMap<>();
        Map<String, String> original = new HashMap<>();
        for (String name : names) {
            if (ALLOWED.matcher(name).matches()) {
                safe.put(name, name);
                original.put(name, name);
            }
        }
        for (String name : names) {
            if (!safe.containsKey(name)) {
                String mapped = unique(name, original.keySet());
                safe.put(name, mapped);
                original.put(mapped, name);
            }
        }
        return new ToolNames(safe, original);
    }

    /** Returns the name to send for tool {@code name}. */
    String safe(String name) {
        String mapped = safe.get(name);
        return mapped != null ? mapped : unique(name, Set.of());
    }

    /** Returns the tool's own name for a name the model used; a name never sent is returned as it is. */
    String original(String name) {
        return original.getOrDefault(name, name);
    }

    private static String unique(String name, Set<String> taken) {
        String base = NOT_ALLOWED.matcher(name).replaceAll("_");
        if (base.isEmpty()) {
            base = "tool";
        }
        if (base.length() <= 64 && !taken.contains(base)) {
            return base;
        }
        // Too long, or the plain replacement is another tool's name: a short hash of the original keeps it apart.
        String suffix = "_" + hash(name);
        String candidate = base.substring(0, Math.min(base.length(), 64 - suffix.length())) + suffix;
        for (int i = 2; taken.contains(candidate); i++) {
            String more = suffix + i;
            candidate = base.substring(0, Math.min(base.length(), 64 - more.length())) + more;
        }
        return candidate;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
