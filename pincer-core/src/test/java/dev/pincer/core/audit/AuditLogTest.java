package dev.pincer.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.store.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456Z");

    @TempDir
    Path dir;

    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("pincer.db"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static AuditEvent tool(Instant at, String pluginId, Decision decision, String cost) {
        return new AuditEvent(
                at,
                "mcp",
                pluginId,
                Kind.TOOL,
                pluginId + ".call",
                null,
                decision,
                null,
                null,
                Duration.ofMillis(3),
                "completed",
                cost == null ? null : new BigDecimal(cost));
    }

    private long rows() {
        return store.read(c -> {
            try (var s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM audit")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Test
    void recordsOlderThanTheRetentionAreDeletedAfterTheNextBatchAndThenAtMostHourly() {
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(T0);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (AuditLog log = new AuditLog(store, problems::add)) {
            log.record(tool(T0.minus(Duration.ofDays(91)), "old", Decision.ALLOWED, null));
            log.record(
                    tool(T0.minus(Duration.ofDays(90)).plus(Duration.ofMinutes(15)), "recent", Decision.ALLOWED, null));
            log.flush();
            assertThat(rows()).isEqualTo(2);

            log.keepFor(Duration.ofDays(90), clock);
            log.record(tool(T0, "new", Decision.ALLOWED, null));
            log.flush();
            awaitRows(2);
            assertThat(log.query(AuditQuery.latest(10)))
                    .extracting(AuditEvent::pluginId)
                    .containsExactly("recent", "new");

            now.set(T0.plus(Duration.ofMinutes(30))); // "recent" is past 90 days now, but a prune ran within the hour
            log.record(tool(now.get(), "later", Decision.ALLOWED, null));
            log.flush();
            assertThat(rows()).isEqualTo(3);

            now.set(T0.plus(Duration.ofMinutes(61)));
            log.record(tool(now.get(), "latest", Decision.ALLOWED, null));
            log.flush();
            awaitRows(3);
            assertThat(log.prune(now.get().plusSeconds(1))).isEqualTo(3);
        }
        assertThat(problems).isEmpty();
    }

    /** Waits for the writer's prune, which runs just after the batch a flush waited for. */
    private void awaitRows(long expected) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (rows() != expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(rows()).isEqualTo(expected);
    }

    @Test
    void roundTripsEveryField() {
        AuditEvent full = new AuditEvent(
                T0,
                "agent:session-7",
                "weather",
                Kind.TOOL,
                "weather.forecast",
                "berlin",
                Decision.REQUIRES_APPROVAL,
                "spending limit reached",
                ArgumentsDigest.of(java.util.Map.of("city", "berlin")),
                Duration.ofSeconds(1, 234_567_000),
                "failed",
                new BigDecimal("0.01500"));
        AuditEvent sparse = AuditEvent.access(
                T0.plusNanos(1000), "weather", Kind.HTTP, "GET", "https://api.example/x", Decision.DENIED, null);
        try (AuditLog log = new AuditLog(store, problems::add)) {
            log.record(full);
            log.record(sparse);

            assertThat(log.query(AuditQuery.latest(10))).containsExactly(full, sparse);
        }
        assertThat(store.<String>read(c -> {
                    try (var s = c.createStatement();
                            ResultSet r = s.executeQuery(
                                    "SELECT at, kind, decision, duration_us, cost FROM audit ORDER BY id LIMIT 1")) {
                        r.next();
                        return r.getLong(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getLong(4) + " "
                                + r.getString(5);
                    }
                }))
                .isEqualTo("1741064767123456 tool requires-approval 1234567 0.01500");
        assertThat(problems).isEmpty();
    }

    @Test
    void queryFiltersByPluginSinceAndKindAndReturnsTheNewestOldestFirst() {
        try (AuditLog log = new AuditLog(store, problems::add)) {
            for (int i = 0; i < 10; i++) {
                log.record(tool(T0.plusSeconds(i), i % 2 == 0 ? "even" : "odd", Decision.ALLOWED, null));
            }
            log.record(
                    AuditEvent.access(T0.plusSeconds(20), "even", Kind.FILE, "read", "/tmp/x", Decision.ALLOWED, null));

            assertThat(log.query(new AuditQuery("even", null, null, 100)))
                    .extracting(e -> e.at().getEpochSecond() - T0.getEpochSecond())
                    .containsExactly(0L, 2L, 4L, 6L, 8L, 20L);
            assertThat(log.query(new AuditQuery("even", null, Kind.TOOL, 2)))
                    .extracting(e -> e.at().getEpochSecond() - T0.getEpochSecond())
                    .containsExactly(6L, 8L);
            assertThat(log.query(new AuditQuery(null, T0.plusSeconds(7), null, 100)))
                    .extracting(e -> e.at().getEpochSecond() - T0.getEpochSecond())
                    .containsExactly(7L, 8L, 9L, 20L);
            assertThat(log.query(new AuditQuery(null, null, Kind.FILE, 100)))
                    .singleElement()
                    .extracting(AuditEvent::target)
                    .isEqualTo("/tmp/x");
            assertThat(log.query(AuditQuery.latest(3)))
                    .extracting(AuditEvent::pluginId)
                    .containsExactly("even", "odd", "even");
            assertThat(log.query(new AuditQuery("nobody", null, null, 5))).isEmpty();
        }
        assertThatThrownBy(() -> AuditQuery.latest(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audit query limit must be at least 1, was 0");
    }

    @Test
    void spentSinceSumsTheExactCostsOfAllowedToolCallsOnly() {
        try (AuditLog log = new AuditLog(store, problems::add)) {
            log.record(tool(T0.minusSeconds(1), "a", Decision.ALLOWED, "5.00"));
            log.record(tool(T0, "a", Decision.ALLOWED, "0.10"));
            log.record(tool(T0.plusSeconds(1), "b", Decision.ALLOWED, "0.20"));
            log.record(tool(T0.plusSeconds(2), "b", Decision.ALLOWED, null));
            log.record(tool(T0.plusSeconds(3), "b", Decision.DENIED, "7"));
            log.record(tool(T0.plusSeconds(4), "b", Decision.REQUIRES_APPROVAL, "9"));
            log.record(new AuditEvent(
                    T0.plusSeconds(5),
                    "plugin:b",
                    "b",
                    Kind.HTTP,
                    "GET",
                    "https://x",
                    Decision.ALLOWED,
                    null,
                    null,
                    null,
                    "200",
                    new BigDecimal("11")));

            assertThat(log.spentSince(T0)).isEqualTo(new BigDecimal("0.30"));
            assertThat(log.spentSince(T0.plusSeconds(60))).isEqualTo(BigDecimal.ZERO);
        }
    }

    @Test
    void manyThreadsRecordingAtOnceLoseNothingEvenWhenTheQueueIsFull() throws Exception {
        int threads = 8;
        int each = 500;
        try (AuditLog log = new AuditLog(store, problems::add, 16, Duration.ofSeconds(30))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String plugin = "p" + t;
                    all.add(CompletableFuture.runAsync(
                            () -> {
                                for (int i = 0; i < each; i++) {
                                    log.record(AuditEvent.access(
                                            T0.plusMillis(i),
                                            plugin,
                                            Kind.ENV,
                                            "get",
                                            "VAR_" + i,
                                            Decision.ALLOWED,
                                            null));
                                }
                            },
                            pool));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            } finally {
                pool.shutdownNow();
            }
            log.flush();

            assertThat(rows()).isEqualTo((long) threads * each);
            assertThat(log.query(new AuditQuery("p3", null, Kind.ENV, 10_000)))
                    .extracting(AuditEvent::target)
                    .doesNotHaveDuplicates()
                    .hasSize(each);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void flushMakesEveryEarlierEventVisibleToAnotherProcess() {
        try (AuditLog log = new AuditLog(store, problems::add);
                Store other = Store.open(store.file())) {
            for (int i = 0; i < 50; i++) {
                log.record(tool(T0.plusSeconds(i), "a", Decision.ALLOWED, "1"));
            }
            log.flush();

            assertThat(other.<Integer>read(c -> {
                        try (var s = c.createStatement();
                                ResultSet r = s.executeQuery("SELECT count(*) FROM audit")) {
                            r.next();
                            return r.getInt(1);
                        }
                    }))
                    .isEqualTo(50);
        }
    }

    @Test
    void aFailedWriteIsReportedAndTheEventsAreWrittenOnTheNextBatch() throws Exception {
        try (AuditLog log = new AuditLog(store, problems::add)) {
            rename("audit", "audit_away");
            log.record(tool(T0, "a", Decision.ALLOWED, "1"));
            log.record(tool(T0.plusSeconds(1), "a", Decision.ALLOWED, "2"));
            awaitProblem("Could not write");
            log.record(tool(T0.plusSeconds(2), "a", Decision.ALLOWED, "3"));

            rename("audit_away", "audit");
            log.flush();

            assertThat(log.query(AuditQuery.latest(10)))
                    .extracting(AuditEvent::cost)
                    .containsExactly(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"));
        }
        assertThat(problems.get(0))
                .startsWith("Could not write ")
                .contains(" to " + store.file() + " (attempt 1); kept in memory and retried: ")
                .contains("no such table: audit");
        assertThat(problems.get(problems.size() - 1))
                .startsWith("Audit events are written to " + store.file() + " again after ")
                .endsWith("failed attempts; none was lost.");
    }

    @Test
    void flushGivesUpWithAMessageAndCloseReportsWhatIsLostWhenTheStoreIsGone() {
        AuditLog log = new AuditLog(store, problems::add, 16, Duration.ofMillis(300));
        store.close();
        log.record(tool(T0, "a", Decision.ALLOWED, "1"));

        assertThatThrownBy(log::flush).isInstanceOfSatisfying(PincerException.class, e -> {
            assertThat(e.code()).isEqualTo("audit.flush");
            assertThat(e.getMessage())
                    .isEqualTo("Audit events recorded before this call are still not written to " + store.file()
                            + ": writes kept failing for 300 ms; the last failure: The Pincer database "
                            + store.file() + " is closed.");
            assertThat(e.hint()).contains("Check that the disk has free space");
        });

        log.close();
        assertThat(problems)
                .contains("Gave up writing 1 audit event to " + store.file()
                        + " when the audit log closed; lost: The Pincer database " + store.file() + " is closed.");
    }

    @Test
    void closeWritesEverythingAndLaterEventsAreWrittenAtOnce() {
        AuditLog log = new AuditLog(store, problems::add);
        for (int i = 0; i < 100; i++) {
            log.record(tool(T0.plusSeconds(i), "a", Decision.ALLOWED, null));
        }
        log.close();
        assertThat(rows()).isEqualTo(100);

        log.record(tool(T0, "late", Decision.DENIED, null));
        log.close();

        assertThat(rows()).isEqualTo(101);
        assertThat(problems).isEmpty();
    }

    @Test
    void aFailedSynchronousWriteIsReportedNotThrown() {
        AuditLog log = new AuditLog(store, problems::add);
        log.close();
        store.close();

        log.record(tool(T0, "late", Decision.DENIED, null));

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("Could not write an audit event to " + store.file() + ", so it is lost: AuditEvent[")
                .endsWith("is closed.");
    }

    private void rename(String from, String to) {
        store.write(c -> {
            try (var s = c.createStatement()) {
                s.execute("ALTER TABLE " + from + " RENAME TO " + to);
            }
            return null;
        });
    }

    private void awaitProblem(String start) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (problems.stream().noneMatch(p -> p.startsWith(start))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no problem starting with '" + start + "' was reported: " + problems);
            }
            Thread.sleep(10);
        }
    }
}
