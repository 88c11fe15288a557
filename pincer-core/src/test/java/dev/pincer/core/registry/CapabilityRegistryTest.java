package dev.pincer.core.registry;

import static dev.pincer.core.registry.CapabilityKind.COMMAND;
import static dev.pincer.core.registry.CapabilityKind.HOOK;
import static dev.pincer.core.registry.CapabilityKind.TOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.diagnostics.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CapabilityRegistryTest {

    /** Stands in for what the host keeps for a tool: its spec and handler. */
    private record ToolEntry(String description) {}

    private final CapabilityRegistry registry = new CapabilityRegistry();

    private static Capability tool(String name, String owner) {
        return new Capability(TOOL, name, owner, new ToolEntry(name + " by " + owner));
    }

    private static Capability hook(String point, String owner, int priority) {
        return new Capability(HOOK, point, owner, priority);
    }

    private Optional<Diagnostic> registerAlone(Capability c) {
        List<Optional<Diagnostic>> result = new ArrayList<>();
        registry.update(batch -> result.add(batch.register(c)));
        return result.get(0);
    }

    @Test
    void startsEmptyAtGenerationZero() {
        RegistrySnapshot empty = registry.snapshot();

        assertThat(empty.generation()).isZero();
        assertThat(empty.entries()).isEmpty();
        assertThat(empty.find(TOOL, "any")).isEmpty();
    }

    @Test
    void findsAToolByNameWithItsOwnerAndValue() {
        registerAlone(tool("forecast", "weather"));

        Capability found = registry.snapshot().find(TOOL, "forecast").orElseThrow();

        assertThat(found.owner()).isEqualTo("weather");
        assertThat(found.valueAs(ToolEntry.class)).isEqualTo(new ToolEntry("forecast by weather"));
        assertThat(registry.snapshot().owner(TOOL, "forecast")).contains("weather");
        assertThat(registry.snapshot().find(COMMAND, "forecast")).isEmpty();
    }

    @Test
    void namesBothTypesWhenAValueIsNotWhatTheHostExpects() {
        registerAlone(tool("forecast", "weather"));
        Capability found = registry.snapshot().find(TOOL, "forecast").orElseThrow();

        assertThatThrownBy(() -> found.valueAs(String.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("tool 'forecast' of plugin 'weather' holds a " + ToolEntry.class.getName()
                        + ", not a java.lang.String");
    }

    @Test
    void refusesASecondOwnerWithADiagnosticNamingBothAndKeepsTheFirst() {
        registerAlone(tool("search", "web"));

        RegistryUpdate update = registry.update(batch -> batch.register(tool("search", "intranet")));

        assertThat(update.diagnostics()).hasSize(1);
        Diagnostic refused = update.diagnostics().get(0);
        assertThat(refused.code()).isEqualTo("registry.duplicate");
        assertThat(refused.severity()).isEqualTo(Severity.ERROR);
        assertThat(refused.pluginId()).isEqualTo("intranet");
        assertThat(refused.message())
                .isEqualTo("plugin 'intranet' cannot register tool 'search': plugin 'web' already owns it,"
                        + " so the registration was refused");
        assertThat(refused.hint())
                .isEqualTo("rename the tool in one of the two plugins, or disable one of them"
                        + " (`pincer plugins disable intranet`)");
        assertThat(update.changed()).isFalse();
        Capability kept = registry.snapshot().find(TOOL, "search").orElseThrow();
        assertThat(kept.owner()).isEqualTo("web");
        assertThat(kept.valueAs(ToolEntry.class).description()).isEqualTo("search by web");
        assertThat(registry.snapshot().ownedBy("intranet")).isEmpty();
    }

    @Test
    void refusesAPluginRegisteringTheSameNameTwice() {
        registerAlone(tool("search", "web"));

        Optional<Diagnostic> refused = registerAlone(new Capability(TOOL, "search", "web", new ToolEntry("again")));

        assertThat(refused.orElseThrow().message())
                .isEqualTo("plugin 'web' registered tool 'search' twice; the first registration stays");
        assertThat(registry.snapshot().find(TOOL, "search").orElseThrow().valueAs(ToolEntry.class))
                .isEqualTo(new ToolEntry("search by web"));
    }

    @Test
    void letsTheSameNameBeUsedByDifferentKinds() {
        RegistryUpdate update = registry.update(batch -> {
            batch.register(tool("weather", "a"));
            batch.register(new Capability(COMMAND, "weather", "b", "handler"));
        });

        assertThat(update.diagnostics()).isEmpty();
        assertThat(update.snapshot().owner(TOOL, "weather")).contains("a");
        assertThat(update.snapshot().owner(COMMAND, "weather")).contains("b");
    }

    @Test
    void letsManyPluginsHookTheSamePointInRegistrationOrder() {
        RegistryUpdate update = registry.update(batch -> {
            batch.register(hook("before_tool_call", "audit", 0));
            batch.register(hook("before_tool_call", "guard", 10));
            batch.register(hook("before_tool_call", "audit", 5));
            batch.register(hook("agent_end", "audit", 0));
        });

        RegistrySnapshot snapshot = update.snapshot();
        assertThat(update.diagnostics()).isEmpty();
        assertThat(snapshot.hooks("before_tool_call"))
                .containsExactly(
                        hook("before_tool_call", "audit", 0),
                        hook("before_tool_call", "guard", 10),
                        hook("before_tool_call", "audit", 5));
        assertThat(snapshot.all(HOOK))
                .extracting(Capability::name)
                .containsExactly("agent_end", "before_tool_call", "before_tool_call", "before_tool_call");
        assertThatThrownBy(() -> snapshot.find(HOOK, "before_tool_call"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hooks are shared by name, so there is no one hook to find; use hooks(name)");
    }

    @Test
    void aBatchMakesExactlyOneGeneration() {
        RegistryUpdate first = registry.update(batch -> {
            batch.register(tool("a", "p"));
            batch.register(tool("b", "p"));
            batch.register(hook("agent_end", "p", 0));
        });
        RegistryUpdate second = registry.update(batch -> batch.register(tool("c", "q")));

        assertThat(first.snapshot().generation()).isEqualTo(1);
        assertThat(first.changed()).isTrue();
        assertThat(second.snapshot().generation()).isEqualTo(2);
        assertThat(registry.snapshot().generation()).isEqualTo(2);
    }

    @Test
    void aBatchThatChangesNothingKeepsTheGeneration() {
        registerAlone(tool("a", "p"));

        RegistryUpdate refused = registry.update(batch -> batch.register(tool("a", "q")));
        RegistryUpdate empty = registry.update(batch -> {});

        assertThat(refused.snapshot().generation()).isEqualTo(1);
        assertThat(empty.changed()).isFalse();
        assertThat(registry.snapshot().generation()).isEqualTo(1);
    }

    @Test
    void aBatchThatThrowsAppliesNothing() {
        registerAlone(tool("a", "p"));

        assertThatThrownBy(() -> registry.update(batch -> {
                    batch.register(tool("b", "p"));
                    batch.removeOwner("p");
                    throw new IllegalStateException("activation failed");
                }))
                .hasMessage("activation failed");

        assertThat(registry.snapshot().generation()).isEqualTo(1);
        assertThat(registry.snapshot().all(TOOL)).containsExactly(tool("a", "p"));
    }

    @Test
    void snapshotsDoNotChangeWhenTheRegistryDoes() {
        registerAlone(tool("a", "p"));
        RegistrySnapshot old = registry.snapshot();

        registry.update(batch -> {
            batch.register(tool("b", "p"));
            batch.register(hook("agent_end", "p", 0));
        });
        registry.removeOwner("p");

        assertThat(old.generation()).isEqualTo(1);
        assertThat(old.all(TOOL)).containsExactly(tool("a", "p"));
        assertThat(old.ownedBy("p")).containsExactly(tool("a", "p"));
        assertThat(old.hooks("agent_end")).isEmpty();
        assertThat(registry.snapshot().generation()).isEqualTo(3);
        assertThat(registry.snapshot().entries()).isEmpty();
        assertThatThrownBy(() -> old.all(TOOL).add(tool("x", "y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> old.ownedBy("p").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> old.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void removeOwnerRemovesExactlyThatPluginsEntriesInOneGeneration() {
        registry.update(batch -> {
            batch.register(tool("search", "web"));
            batch.register(new Capability(COMMAND, "search", "web", "handler"));
            batch.register(hook("before_tool_call", "web", 0));
            batch.register(tool("files", "fs"));
            batch.register(hook("before_tool_call", "fs", 0));
        });

        RegistryUpdate removed = registry.removeOwner("web");

        RegistrySnapshot after = removed.snapshot();
        assertThat(after.generation()).isEqualTo(2);
        assertThat(after.ownedBy("web")).isEmpty();
        assertThat(after.owners()).containsExactly("fs");
        assertThat(after.entries()).containsExactly(tool("files", "fs"), hook("before_tool_call", "fs", 0));
        assertThat(after.find(COMMAND, "search")).isEmpty();
        assertThat(registerAlone(tool("search", "other")))
                .as("the name is free again")
                .isEmpty();
        assertThat(registry.removeOwner("nobody").changed()).isFalse();
        assertThat(registry.snapshot().generation()).isEqualTo(3);
    }

    @Test
    void withdrawsOneCapabilityOnlyAsItsOwnerRegisteredIt() {
        registry.update(batch -> {
            batch.register(tool("search", "web"));
            batch.register(hook("agent_end", "web", 0));
            batch.register(hook("agent_end", "web", 0));
        });
        List<Boolean> results = new ArrayList<>();

        registry.update(batch -> {
            results.add(batch.withdraw(tool("search", "intruder")));
            results.add(batch.withdraw(hook("agent_end", "web", 0)));
        });

        assertThat(results).containsExactly(false, true);
        assertThat(registry.snapshot().owner(TOOL, "search")).contains("web");
        assertThat(registry.snapshot().hooks("agent_end")).containsExactly(hook("agent_end", "web", 0));
    }

    @Test
    void describesWhatAPluginRegistered() {
        registry.update(batch -> {
            batch.register(tool("search", "web"));
            batch.register(hook("agent_end", "web", 0));
            batch.register(hook("agent_end", "audit", 0));
        });
        RegistrySnapshot snapshot = registry.snapshot();

        assertThat(snapshot.kindsOf("web")).containsExactly(TOOL, HOOK);
        assertThat(snapshot.shapeOf("web").describe()).isEqualTo("tools and hooks");
        assertThat(snapshot.shapeOf("audit").describe()).isEqualTo("hooks only");
        assertThat(snapshot.shapeOf("nobody").describe()).isEqualTo("nothing");
    }

    @Test
    void refusesABatchUsedAfterItsUpdateOrAnUpdateInsideAnUpdate() {
        AtomicReference<CapabilityRegistry.Batch> leaked = new AtomicReference<>();
        registry.update(leaked::set);

        assertThatThrownBy(() -> leaked.get().register(tool("late", "p")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this registry batch was already committed; start a new update");
        assertThatThrownBy(() -> registry.update(outer -> registry.update(inner -> {})))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("registry update started inside another update;"
                        + " make the change on the batch you were given");
    }

    @Test
    void readersAreNotBlockedByABatchInProgress() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<RegistrySnapshot> seen = new AtomicReference<>();
            registry.update(batch -> {
                batch.register(tool("a", "p"));
                try {
                    seen.set(reader.submit(registry::snapshot).get(10, TimeUnit.SECONDS));
                } catch (Exception e) {
                    throw new AssertionError("a reader waited for the writer", e);
                }
            });

            assertThat(seen.get().generation()).isZero();
            assertThat(seen.get().entries()).isEmpty();
            assertThat(registry.snapshot().generation()).isEqualTo(1);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void manyThreadsRacingForTheSameNamesLeaveExactlyOneOwnerEach() throws Exception {
        int threads = 16;
        int names = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Diagnostic>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String owner = "p" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Diagnostic> refused = new ArrayList<>();
                    for (int n = 0; n < names; n++) {
                        Capability c = tool("t" + n, owner);
                        refused.addAll(
                                registry.update(batch -> batch.register(c)).diagnostics());
                        registry.snapshot().owner(TOOL, c.name()).orElseThrow();
                    }
                    return refused;
                }));
            }
            start.countDown();
            List<Diagnostic> refused = new ArrayList<>();
            for (Future<List<Diagnostic>> result : results) {
                refused.addAll(result.get(60, TimeUnit.SECONDS));
            }

            RegistrySnapshot end = registry.snapshot();
            assertThat(end.all(TOOL)).hasSize(names);
            assertThat(end.all(TOOL)).extracting(Capability::name).doesNotHaveDuplicates();
            assertThat(end.generation()).as("one generation per winning batch").isEqualTo(names);
            assertThat(refused).hasSize((threads - 1) * names).allMatch(d -> d.code()
                    .equals("registry.duplicate"));
            for (Capability c : end.all(TOOL)) {
                assertThat(c.valueAs(ToolEntry.class).description()).isEqualTo(c.name() + " by " + c.owner());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
