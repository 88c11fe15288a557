package dev.pincer.core.host;

import dev.pincer.api.PluginContext;
import dev.pincer.api.memory.MemoryHit;
import dev.pincer.api.memory.MemoryRecord;
import dev.pincer.api.tool.Content;
import dev.pincer.api.tool.ToolCall;
import dev.pincer.api.tool.ToolResult;
import dev.pincer.api.tool.ToolSpec;
import dev.pincer.core.memory.MemoryLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The four memory tools, {@code memory_store}, {@code memory_search}, {@code memory_get} and
 * {@code memory_delete}, over one {@link MemoryAccess}. Each answers with text a model can read and
 * one JSON item with the same facts; a bad argument, a record over the {@link MemoryLimits} and a
 * backend that cannot be reached are error results, never exceptions.
 *
 * <p>Memory is shared: a search finds what any session stored. The session of a {@code
 * memory_store} call is kept in the record as where it came from.
 *
 * <p>Thread-safe.
 */
final class MemoryTools {

    /** The longest text of one hit shown by {@code memory_search}; {@code memory_get} shows it all. */
    static final int SHOWN_CHARS = 1000;

    private static final int DEFAULT_HITS = 10;

    private static final ToolSpec STORE = new ToolSpec(
            "memory_store",
            "Remember a piece of text for later, in memory shared by every session. Give an id to replace"
                    + " an earlier memory with that id; without one a new id is made. Returns the id.",
            """
            {"type": "object", "additionalProperties": false, "required": ["text"], "properties": {
              "text": {"type": "string", "minLength": 1, "description": "what to remember, at most 32 KiB"},
              "id": {"type": "string", "minLength": 1, "maxLength": 128, "description": "the memory's id"},
              "metadata": {"type": "object", "additionalProperties": {"type": "string"},
                "description": "string labels kept with the memory, e.g. {\\"topic\\": \\"travel\\"}"}}}
            """,
            false);

    private static final ToolSpec SEARCH = new ToolSpec(
            "memory_search",
            "Find memories by keywords, best match first. A memory matches when it holds any of the words;"
                    + " case and accents do not matter.",
            """
            {"type": "object", "additionalProperties": false, "required": ["query"], "properties": {
              "query": {"type": "string", "description": "words to look for"},
              "limit": {"type": "integer", "description": "the most memories to return, 1 to 100 (default 10)"}}}
            """,
            false);

    private static final ToolSpec GET = new ToolSpec(
            "memory_get",
            "Return one memory, in full, by its id.",
            """
            {"type": "object", "additionalProperties": false, "required": ["id"], "properties": {
              "id": {"type": "string", "minLength": 1, "description": "the memory's id"}}}
            """,
            false);

    private static final ToolSpec DELETE = new ToolSpec(
            "memory_delete",
            "Forget one memory, by its id, for every session.",
            """
            {"type": "object", "additionalProperties": false, "required": ["id"], "properties": {
              "id": {"type": "string", "minLength": 1, "description": "the memory's id"}}}
            """,
            true);

    private final MemoryAccess access;
    private final Clock clock;

    private MemoryTools(MemoryAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    /** Registers the four tools on {@code context}, answering through {@code access}. */
    static void register(PluginContext context, MemoryAccess access, Clock clock) {
        MemoryTools tools = new MemoryTools(access, clock);
        context.registerTool(STORE, tools::store);
        context.registerTool(SEARCH, tools::search);
        context.registerTool(GET, tools::get);
        context.registerTool(DELETE, tools::delete);
    }

    private ToolResult store(ToolCall call) {
        Map<String, Object> args = call.arguments();
        String text = (String) args.get("text");
        if (text.isBlank()) {
            return ToolResult.error("memory_store needs a text to remember, but it was blank");
        }
        String id = Optional.ofNullable((String) args.get("id")).orElseGet(() -> "mem-" + UUID.randomUUID());
        Map<String, String> metadata = new LinkedHashMap<>();
        if (args.get("metadata") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> metadata.put((String) k, (String) v));
        }
        MemoryRecord record;
        try {
            record = new MemoryRecord(id, call.sessionId(), text, metadata, clock.instant());
            MemoryLimits.check(record);
            access.call(backend -> {
                backend.store(record);
                return null;
            });
        } catch (IllegalArgumentException | MemoryAccess.Failure e) {
            return ToolResult.error(e.getMessage());
        }
        return ToolResult.of(
                Content.text("Stored memory '" + id + "'."), Content.json(Map.of("id", id, "stored", true)));
    }

    private ToolResult search(ToolCall call) {
        String query = (String) call.arguments().get("query");
        int limit = call.arguments().get("limit") instanceof Number n
                ? MemoryLimits.clampHits((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue())))
                : DEFAULT_HITS;
        List<MemoryHit> hits;
        try {
            MemoryLimits.checkQuery(query);
            hits = access.call(backend -> backend.search(query, limit));
        } catch (IllegalArgumentException | MemoryAccess.Failure e) {
            return ToolResult.error(e.getMessage());
        }
        List<MemoryHit> kept =
                hits == null ? List.of() : hits.stream().limit(limit).toList();
        StringBuilder text = new StringBuilder(
                kept.isEmpty()
                        ? "No memory matches \"" + query + "\"."
                        : "Found " + kept.size() + (kept.size() == 1 ? " memory" : " memories") + " for \"" + query
                                + "\", best first:");
        List<Object> found = new ArrayList<>();
        for (MemoryHit hit : kept) {
            MemoryRecord r = hit.record();
            String shown = shown(r.text());
            text.append("\n\n[")
                    .append(r.id())
                    .append("] score ")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", hit.score()))
                    .append(", stored ")
                    .append(r.createdAt())
                    .append('\n')
                    .append(shown);
            Map<String, Object> item = fields(r, shown);
            item.put("score", hit.score());
            found.add(item);
        }
        return ToolResult.of(Content.text(text.toString()), Content.json(Map.of("query", query, "hits", found)));
    }

    private ToolResult get(ToolCall call) {
        String id = (String) call.arguments().get("id");
        Optional<MemoryRecord> found;
        try {
            MemoryLimits.checkId(id);
            found = access.call(backend -> backend.retrieve(id));
        } catch (IllegalArgumentException | MemoryAccess.Failure e) {
            return ToolResult.error(e.getMessage());
        }
        if (found == null || found.isEmpty()) {
            return ToolResult.error("no memory has the id '" + id + "'; memory_search finds memories and their ids");
        }
        MemoryRecord r = found.get();
        return ToolResult.of(
                Content.text("Memory '" + r.id() + "', stored " + r.createdAt()
                        + (r.sessionId() == null ? "" : " in session " + r.sessionId()) + ":\n" + r.text()),
                Content.json(fields(r, r.text())));
    }

    private ToolResult delete(ToolCall call) {
        String id = (String) call.arguments().get("id");
        boolean deleted;
        try {
            MemoryLimits.checkId(id);
            deleted = access.call(backend -> backend.delete(id));
        } catch (IllegalArgumentException | MemoryAccess.Failure e) {
            return ToolResult.error(e.getMessage());
        }
        return ToolResult.of(
                Content.text(
                        deleted
                                ? "Deleted memory '" + id + "'."
                                : "No memory had the id '" + id + "'; nothing was deleted."),
                Content.json(Map.of("id", id, "deleted", deleted)));
    }

    /** Returns {@code text} cut to {@value #SHOWN_CHARS} characters, saying so when cut. */
    private static String shown(String text) {
        if (text.length() <= SHOWN_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text.substring(0, end) + "… (" + (text.length() - end)
                + " more characters; memory_get returns all of it)";
    }

    /** Returns the record's facts as JSON-like values, with {@code text} as its text. */
    private static Map<String, Object> fields(MemoryRecord r, String text) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("text", text);
        item.put("truncated", text.length() != r.text().length());
        item.put("created", r.createdAt().toString());
        if (r.sessionId() != null) {
            item.put("sessionId", r.sessionId());
        }
        item.put("metadata", new java.util.TreeMap<>(r.metadata()));
        return item;
    }
}
