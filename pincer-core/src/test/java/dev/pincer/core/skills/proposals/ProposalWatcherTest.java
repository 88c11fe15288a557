package dev.pincer.core.skills.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.config.SkillSettings;
import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalWatcherTest {

    private static final SkillSettings ENABLED = new SkillSettings(List.of(), true, 3, 3);

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-03-01T09:00:00Z");
    private final List<AuditEvent> passedOn = new ArrayList<>();
    private final List<Proposal> proposed = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private AuditEvent call(String actor, String tool, AuditEvent.Decision decision, String outcome) {
        now = now.plusSeconds(30);
        return new AuditEvent(
                now,
                actor,
                "demo",
                AuditEvent.Kind.TOOL,
                tool,
                null,
                decision,
                null,
                null,
                Duration.ZERO,
                outcome,
                null);
    }

    private AuditEvent ok(String actor, String tool) {
        return call(actor, tool, AuditEvent.Decision.ALLOWED, "completed");
    }

    private AuditSink watcher(SkillSettings settings, Store store, AuditSink delegate) {
        return ProposalWatcher.around(
                delegate,
                settings,
                store,
                new ProposalBook(store, ProposalBookTest.CLOCK),
                proposed::add,
                problems::add);
    }

    private static void repeat(AuditSink sink, int times, AuditEvent... events) {
        for (int i = 0; i < times; i++) {
            for (AuditEvent e : events) {
                sink.record(e);
            }
        }
    }

    private void workflow(AuditSink sink, String actor, int times) {
        for (int i = 0; i < times; i++) {
            sink.record(ok(actor, "fetch"));
            sink.record(ok(actor, "parse"));
            sink.record(ok(actor, "save"));
        }
    }

    @Test
    void proposalsAreOffByDefaultAndThenNothingIsWatched() {
        try (Store store = Store.open(dir.resolve("pincer.db"))) {
            AuditSink delegate = passedOn::add;

            AuditSink sink = watcher(SkillSettings.defaults(), store, delegate);
            workflow(sink, "cli", 10);

            assertThat(sink).isSameAs(delegate);
            assertThat(new ProposalBook(store, ProposalBookTest.CLOCK).all()).isEmpty();
            assertThat(proposed).isEmpty();
        }
    }

    @Test
    void aWorkflowRepeatedThreeTimesBecomesOnePendingProposal() {
        try (Store store = Store.open(dir.resolve("pincer.db"))) {
            AuditSink sink = watcher(ENABLED, store, passedOn::add);

            workflow(sink, "cli:ada", 2);
            assertThat(proposed).isEmpty();
            workflow(sink, "cli:ada", 5);

            assertThat(proposed).hasSize(1);
            Proposal p = proposed.get(0);
            assertThat(p.name()).isEqualTo("fetch-parse-save");
            assertThat(p.actor()).isEqualTo("cli:ada");
            assertThat(p.seen()).isEqualTo(3);
            assertThat(new ProposalBook(store, ProposalBookTest.CLOCK).pending())
                    .containsExactly(p);
            assertThat(passedOn).hasSize(21);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void onlyAllowedCompletedCallsCount() {
        try (Store store = Store.open(dir.resolve("pincer.db"))) {
            AuditSink sink = watcher(new SkillSettings(List.of(), true, 2, 2), store, passedOn::add);

            for (int i = 0; i < 3; i++) {
                sink.record(ok("cli", "fetch"));
                sink.record(call("cli", "save", AuditEvent.Decision.ALLOWED, "failed"));
                sink.record(call("cli", "parse", AuditEvent.Decision.ALLOWED, "error-result"));
                sink.record(call("cli", "parse", AuditEvent.Decision.DENIED, "denied"));
                sink.record(call("cli", "parse", AuditEvent.Decision.REQUIRES_APPROVAL, null));
                sink.record(new AuditEvent(
                        now,
                        "cli",
                        "demo",
                        AuditEvent.Kind.HTTP,
                        "GET",
                        "https://x",
                        AuditEvent.Decision.ALLOWED,
                        null,
                        null,
                        null,
                        "200",
                        null));
                sink.record(ok("cli", "notify"));
                now = now.plus(Duration.ofHours(1));
            }

            assertThat(proposed).extracting(Proposal::sequence).containsExactly(List.of("fetch", "notify"));
            assertThat(passedOn).hasSize(21);
        }
    }

    @Test
    void callsOfEarlierProcessesCountAndNothingIsProposedTwiceAcrossRestarts() {
        Path file = dir.resolve("pincer.db");
        try (Store store = Store.open(file);
                AuditLog log = new AuditLog(store, problems::add)) {
            workflow(watcher(ENABLED, store, log), "cli:ada", 2);
        }
        try (Store store = Store.open(file);
                AuditLog log = new AuditLog(store, problems::add)) {
            AuditSink sink = watcher(ENABLED, store, log);
            sink.record(ok("cli:ada", "fetch"));
            sink.record(ok("cli:ada", "parse"));
            assertThat(proposed).isEmpty();
            sink.record(ok("cli:ada", "save"));
            assertThat(proposed).extracting(Proposal::sequence).containsExactly(List.of("fetch", "parse", "save"));
        }
        try (Store store = Store.open(file);
                AuditLog log = new AuditLog(store, problems::add)) {
            AuditSink sink = watcher(ENABLED, store, log);
            workflow(sink, "cli:ada", 6);
            workflow(sink, "mcp", 6);
        }

        assertThat(proposed).hasSize(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aFailureToProposeIsReportedAndTheEventStillPassesOn() {
        Store store = Store.open(dir.resolve("pincer.db"));
        AuditSink sink = watcher(new SkillSettings(List.of(), true, 2, 2), store, passedOn::add);
        sink.record(ok("cli", "a"));
        store.close();

        repeat(sink, 1, ok("cli", "b"), ok("cli", "a"), ok("cli", "b"));

        assertThat(passedOn).hasSize(4);
        assertThat(proposed).isEmpty();
        assertThat(problems)
                .hasSize(1)
                .allMatch(p -> p.startsWith("could not check tool call 'b' by cli for a repeated sequence: The Pincer"
                                + " database ")
                        && p.endsWith(" is closed."));
    }
}
