package dev.pincer.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.api.tool.Content;
import dev.pincer.core.Fixtures;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.memory.MemoryChoice;
import dev.pincer.core.registry.Capability;
import dev.pincer.core.registry.CapabilityKind;
import dev.pincer.core.runtime.jvm.TestJars;
import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMemoryTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** A memory plugin whose backend keeps records in a map and gives every hit the score 7. */
    private static final String NOTES_BACKEND =
            """
            private final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();
            public void activate(PluginContext c) {
              c.registerMemory(new MemoryBackend() {
                public String id() { return "notes"; }
                public void store(MemoryRecord r) { records.put(r.id(), r); }
                public Optional<MemoryRecord> retrieve(String id) { return Optional.ofNullable(records.get(id)); }
                public List<MemoryHit> search(String q, int limit) {
                  if (q.contains("boom")) throw new IllegalStateException("index is corrupt");
                  if (q.contains("slow")) { try { Thread.sleep(10_000); } catch (InterruptedException e) { } }
                  List<MemoryHit> hits = new ArrayList<>();
                  for (MemoryRecord r : records.values()) if (r.text().contains(q)) hits.add(new MemoryHit(r, 7));
                  return hits;
                }
                public boolean delete(String id) { return records.remove(id) != null; }
              });
            }""";

    @TempDir
    Path dir;

    private HostLayout layout;
    private PluginHost host;
    private Store store;
    private HostMemory memory;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of());
        host = new PluginHost(HostSettings.defaults(dir.resolve("data")), Clock.systemUTC());
        store = Store.open(dir.resolve("pincer.db"));
    }

    @AfterEach
    void tearDown() {
        if (memory != null) {
            memory.close();
        }
        host.close();
        store.close();
    }

    private void start(MemoryChoice choice) {
        host.start(PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout));
        memory = HostMemory.start(host, store, choice, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void memoryPlugin(String id, String manifestExtra) {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                id,
                "{\"id\":\"" + id
                        + "\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"com.acme.Notes\"},"
                        + "\"provides\":{\"memory\":[\"notes\"]}" + manifestExtra + "}");
        TestJars.jar()
                .source(
                        "com.acme.Notes",
                        "package com.acme;\nimport dev.pincer.api.*; import dev.pincer.api.memory.*;"
                                + " import java.util.*; import java.util.concurrent.*;\n"
                                + "public class Notes implements Plugin {\n" + NOTES_BACKEND + "\n}\n")
                .writeTo(folder.resolve("lib").resolve(id + ".jar"));
    }

    private Invocation call(String tool, Map<String, Object> arguments, String session) {
        return host.tools().invoke(tool, arguments, session);
    }

    private static String text(Invocation invocation) {
        assertThat(invocation.status()).as(invocation.message()).isEqualTo(Invocation.Status.COMPLETED);
        return ((Content.Text) invocation.result().content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Invocation invocation) {
        return (Map<String, Object>)
                ((Content.Json) invocation.result().content().get(1)).value();
    }

    @Test
    void theBuiltInBackendStoresFindsReturnsAndDeletesThroughTheToolPath() {
        start(MemoryChoice.builtin("test"));

        Invocation stored = call(
                "memory_store",
                Map.of("text", "Ada prefers green tea", "id", "ada-tea", "metadata", Map.of("topic", "drinks")),
                "s1");
        Invocation found = call("memory_search", Map.of("query", "GREEN tea"), "s1");
        Invocation got = call("memory_get", Map.of("id", "ada-tea"), "s1");

        assertThat(text(stored)).isEqualTo("Stored memory 'ada-tea'.");
        assertThat(json(stored)).isEqualTo(Map.of("id", "ada-tea", "stored", true));
        assertThat(stored.pluginId()).isEqualTo(HostMemory.OWNER);
        assertThat(text(found))
                .startsWith("Found 1 memory for \"GREEN tea\", best first:\n\n[ada-tea] score ")
                .endsWith(", stored 2025-06-01T12:00:00Z\nAda prefers green tea");
        List<?> hits = (List<?>) json(found).get("hits");
        assertThat(hits).singleElement().satisfies(h -> assertThat(map(h))
                .containsEntry("id", "ada-tea")
                .containsEntry("text", "Ada prefers green tea")
                .containsEntry("truncated", false)
                .containsEntry("created", "2025-06-01T12:00:00Z")
                .containsEntry("sessionId", "s1")
                .containsEntry("metadata", Map.of("topic", "drinks")));
        assertThat(text(got))
                .isEqualTo("Memory 'ada-tea', stored 2025-06-01T12:00:00Z in session s1:\nAda prefers green tea");

        Invocation held = call("memory_delete", Map.of("id", "ada-tea"), "s1");
        assertThat(held.status()).isEqualTo(Invocation.Status.REQUIRES_APPROVAL);
        Invocation deleted =
                host.tools().invoke(new ToolRequest("memory_delete", Map.of("id", "ada-tea"), "s1", "test", true));
        assertThat(text(deleted)).isEqualTo("Deleted memory 'ada-tea'.");
        assertThat(json(deleted)).isEqualTo(Map.of("id", "ada-tea", "deleted", true));
        assertThat(text(call("memory_search", Map.of("query", "tea"), "s1"))).isEqualTo("No memory matches \"tea\".");
        Invocation gone = call("memory_get", Map.of("id", "ada-tea"), "s1");
        assertThat(gone.result().isError()).isTrue();
        assertThat(((Content.Text) gone.result().content().get(0)).text())
                .isEqualTo("no memory has the id 'ada-tea'; memory_search finds memories and their ids");
    }

    @Test
    void theToolsAreListedWithDeleteDestructiveAndTheBuiltInBackendIsRegistered() {
        start(MemoryChoice.builtin("test"));

        assertThat(host.toolCatalog())
                .filteredOn(t -> t.name().startsWith("memory_"))
                .extracting(ToolInfo::name, ToolInfo::destructive)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("memory_delete", true),
                        org.assertj.core.groups.Tuple.tuple("memory_get", false),
                        org.assertj.core.groups.Tuple.tuple("memory_search", false),
                        org.assertj.core.groups.Tuple.tuple("memory_store", false));
        assertThat(host.registry().all(CapabilityKind.MEMORY))
                .extracting(Capability::name, Capability::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sqlite", HostMemory.OWNER));
    }

    @Test
    void memoryIsSharedWhatSessionAStoredSessionBFindsWithItsProvenance() {
        start(MemoryChoice.builtin("test"));
        text(call("memory_store", Map.of("text", "the vault code is 4921", "id", "vault"), "session-a"));

        Invocation fromB = call("memory_search", Map.of("query", "vault code"), "session-b");
        Invocation outside = call("memory_search", Map.of("query", "vault"), null);

        assertThat((List<?>) json(fromB).get("hits")).singleElement().satisfies(h -> assertThat(map(h))
                .containsEntry("sessionId", "session-a"));
        assertThat((List<?>) json(outside).get("hits")).hasSize(1);
    }

    @Test
    void withoutAnIdANewOneIsMadeAndReturned() {
        start(MemoryChoice.builtin("test"));

        String id = (String)
                json(call("memory_store", Map.of("text", "first"), null)).get("id");
        String other = (String)
                json(call("memory_store", Map.of("text", "second"), null)).get("id");

        assertThat(id).startsWith("mem-").isNotEqualTo(other);
        assertThat(text(call("memory_get", Map.of("id", id), null))).endsWith(":\nfirst");
    }

    @Test
    void badArgumentsAndRecordsOverTheLimitsAreErrorsTheModelCanRead() {
        start(MemoryChoice.builtin("test"));

        Invocation noText = call("memory_store", Map.of("id", "x"), null);
        Invocation blank = call("memory_store", Map.of("text", "   "), null);
        Invocation big = call("memory_store", Map.of("text", "x".repeat(40_000), "id", "big"), null);
        Invocation longQuery = call("memory_search", Map.of("query", "q".repeat(5000)), null);
        Invocation badId = call("memory_get", Map.of("id", "a\u0007b"), null);

        assertThat(noText.status()).isEqualTo(Invocation.Status.INVALID_ARGUMENTS);
        assertThat(noText.message()).contains("memory_store").contains("text");
        assertThat(errorText(blank)).isEqualTo("memory_store needs a text to remember, but it was blank");
        assertThat(errorText(big))
                .isEqualTo("the text of memory 'big' is 40000 bytes; the most is 32768 bytes (32 KiB): store a"
                        + " shorter text, or split it into several memories");
        assertThat(errorText(longQuery))
                .isEqualTo("the query is 5000 characters; the most is 4096: search for a few words instead");
        assertThat(errorText(badId)).isEqualTo("memory id 'a?b' holds a control character (shown as ?)");
    }

    @Test
    void hostileQueriesThroughTheToolFindOnlyTheirWords() {
        start(MemoryChoice.builtin("test"));
        text(call("memory_store", Map.of("text", "near the col val gate", "id", "m1"), null));

        for (String query : List.of("\"", "*", "NEAR(", "a OR", "-x", "col:val", "(((((", "' OR 1=1 --")) {
            Invocation search = call("memory_search", Map.of("query", query, "limit", 500), null);
            assertThat(search.status()).as(query).isEqualTo(Invocation.Status.COMPLETED);
            assertThat(search.result().isError()).as(query).isFalse();
        }
        assertThat((List<?>) json(call("memory_search", Map.of("query", "col:val"), null))
                        .get("hits"))
                .hasSize(1);
        assertThat(text(call("memory_search", Map.of("query", "((((("), null)))
                .isEqualTo("No memory matches \"(((((\".");
    }

    @Test
    void noneOffersNoMemoryTools() {
        start(MemoryChoice.none("[plugins.slots] memory = \"none\""));

        Invocation search = call("memory_search", Map.of("query", "tea"), null);

        assertThat(search.status()).isEqualTo(Invocation.Status.UNKNOWN_TOOL);
        assertThat(host.registry().ownedBy(HostMemory.OWNER)).isEmpty();
    }

    @Test
    void switchingChoicesKeepsTheStoredMemoriesAndCloseWithdrawsTheTools() {
        start(MemoryChoice.builtin("test"));
        text(call("memory_store", Map.of("text", "kept across switches", "id", "k"), null));

        memory.choose(MemoryChoice.none("off"));
        assertThat(call("memory_get", Map.of("id", "k"), null).status()).isEqualTo(Invocation.Status.UNKNOWN_TOOL);
        memory.choose(MemoryChoice.builtin("on again"));
        assertThat(text(call("memory_get", Map.of("id", "k"), null))).endsWith("kept across switches");
        assertThat(memory.choice()).isEqualTo(MemoryChoice.builtin("on again"));

        memory.close();
        assertThat(host.registry().ownedBy(HostMemory.OWNER)).isEmpty();
        assertThatThrownBy(() -> memory.choose(MemoryChoice.builtin("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the host memory is closed; start a new one");
    }

    @Test
    void aPluginBackendServesTheToolsThroughTheGuardWithTheCallersSession() {
        memoryPlugin("notes", "");
        start(MemoryChoice.plugin("notes", "[plugins.slots] memory = \"notes\""));

        text(call("memory_store", Map.of("text", "Lisbon in May", "id", "trip"), "s9"));
        Invocation found = call("memory_search", Map.of("query", "Lisbon"), "s1");

        assertThat(host.states()).containsEntry("notes", PluginState.ACTIVE);
        assertThat(text(found)).contains("[trip] score 7.000");
        assertThat((List<?>) json(found).get("hits")).singleElement().satisfies(h -> assertThat(map(h))
                .containsEntry("sessionId", "s9"));
        assertThat(host.registry().all(CapabilityKind.MEMORY))
                .extracting(Capability::name, Capability::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("notes", "notes"));
        Integer builtinRows = store.read(c -> {
            try (var s = c.createStatement();
                    var r = s.executeQuery("SELECT count(*) FROM memories")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertThat(builtinRows).isZero();
    }

    @Test
    void aFailingOrSlowPluginBackendIsTheToolsErrorAndThePluginStaysActive() {
        memoryPlugin("notes", ",\"resources\":{\"timeout\":\"300ms\"}");
        start(MemoryChoice.plugin("notes", "test"));

        Invocation failed = call("memory_search", Map.of("query", "boom"), null);
        Invocation slow = call("memory_search", Map.of("query", "slow"), null);

        assertThat(errorText(failed))
                .isEqualTo("plugin 'notes' failed in memory: IllegalStateException: index is corrupt");
        assertThat(errorText(slow)).isEqualTo("plugin 'notes' did not finish memory within 300 ms; it was interrupted");
        assertThat(host.states()).containsEntry("notes", PluginState.ACTIVE);
        assertThat(host.reports())
                .extracting(d -> d.message())
                .contains("plugin 'notes' failed in memory: IllegalStateException: index is corrupt");
    }

    @Test
    void aChosenPluginThatIsMissingAnswersWithWhatToDo() {
        start(MemoryChoice.plugin("gone", "[plugins.slots] memory = \"gone\" in config.toml"));

        assertThat(errorText(call("memory_search", Map.of("query", "x"), null)))
                .isEqualTo("plugin 'gone' serves memory ([plugins.slots] memory = \"gone\" in config.toml) but is not"
                        + " installed; install it; or set [plugins.slots] memory = \"builtin\" for Pincer's own"
                        + " memory");
    }

    @Test
    void aLazyPluginBackendIsActivatedByTheFirstMemoryCall() {
        memoryPlugin("lazy-notes", ",\"activation\":{\"mode\":\"lazy\"}");
        start(MemoryChoice.plugin("lazy-notes", "the only one"));
        assertThat(host.states()).containsEntry("lazy-notes", PluginState.RESOLVED);

        text(call("memory_store", Map.of("text", "Lisbon in May", "id", "trip"), null));

        assertThat(host.states()).containsEntry("lazy-notes", PluginState.ACTIVE);
        assertThat(host.activationReason("lazy-notes")).contains("first memory call");
        assertThat(text(call("memory_search", Map.of("query", "Lisbon"), null))).contains("[trip]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String errorText(Invocation invocation) {
        assertThat(invocation.status()).as(invocation.message()).isEqualTo(Invocation.Status.COMPLETED);
        assertThat(invocation.result().isError()).isTrue();
        return ((Content.Text) invocation.result().content().get(0)).text();
    }
}
