package dev.pincer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("home").resolve("nested").resolve("pincer.db");
    }

    @Test
    void freshOpenCreatesFoldersAndEveryTableAtTheLatestVersion() {
        try (Store store = Store.open(file())) {
            assertThat(store.file()).isEqualTo(file().toAbsolutePath());
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest()).isEqualTo(4);
            assertThat(StoreFiles.column(store, "SELECT name FROM sqlite_schema ORDER BY name"))
                    .contains(
                            "approvals",
                            "installs",
                            "audit",
                            "audit_at",
                            "audit_plugin_at",
                            "skill_proposals",
                            "memories",
                            "memories_fts",
                            "memories_insert",
                            "memories_delete",
                            "memories_update");
            assertThat(StoreFiles.column(store, "SELECT name FROM pragma_table_info('approvals')"))
                    .containsExactly("plugin_id", "version", "permissions", "approved_at", "approved_by");
            assertThat(StoreFiles.column(store, "SELECT name FROM pragma_table_info('installs')"))
                    .containsExactly(
                            "plugin_id",
                            "version",
                            "source",
                            "kind",
                            "digest",
                            "commit_id",
                            "path",
                            "installed_at",
                            "ref");
            assertThat(StoreFiles.column(store, "SELECT name FROM pragma_table_info('audit')"))
                    .containsExactly(
                            "id",
                            "at",
                            "actor",
                            "plugin_id",
                            "kind",
                            "action",
                            "target",
                            "decision",
                            "reason",
                            "digest",
                            "duration_us",
                            "outcome",
                            "cost");
            assertThat(StoreFiles.column(store, "SELECT name FROM pragma_table_info('memories')"))
                    .containsExactly("seq", "id", "session_id", "text", "metadata", "created_at");
            assertThat(StoreFiles.column(store, "PRAGMA user_version")).containsExactly("4");
        }
    }

    @Test
    void connectionsUseWriteAheadLogFullSyncBusyTimeoutAndForeignKeys() {
        try (Store store = Store.open(file())) {
            List<String> settings = store.write(c -> {
                List<String> values = new ArrayList<>();
                for (String pragma : List.of("journal_mode", "synchronous", "busy_timeout", "foreign_keys")) {
                    try (var s = c.createStatement();
                            var r = s.executeQuery("PRAGMA " + pragma)) {
                        r.next();
                        values.add(r.getString(1));
                    }
                }
                return values;
            });
            // synchronous 2 is FULL.
            assertThat(settings).containsExactly("wal", "2", "5000", "1");
        }
    }

    @Test
    void reopeningKeepsCommittedData() {
        try (Store store = Store.open(file())) {
            store.write(c -> {
                StoreFiles.approve(c, "weather", "1.0.0");
                return null;
            });
        }
        try (Store store = Store.open(file())) {
            assertThat(StoreFiles.column(store, "SELECT plugin_id || '@' || version FROM approvals"))
                    .containsExactly("weather@1.0.0");
        }
    }

    @Test
    void migratesADatabaseAtVersionZeroAndKeepsWhatWasThere() {
        Path file = dir.resolve("old.db");
        StoreFiles.execute(file, "CREATE TABLE notes (text TEXT)", "INSERT INTO notes VALUES ('kept')");
        assertThat(StoreFiles.column(file, "PRAGMA user_version")).containsExactly("0");

        try (Store store = Store.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest());
            assertThat(StoreFiles.column(store, "SELECT text FROM notes")).containsExactly("kept");
            store.write(c -> {
                StoreFiles.approve(c, "weather", "1.0.0");
                return null;
            });
        }
        assertThat(StoreFiles.column(file, "PRAGMA user_version")).containsExactly(String.valueOf(Schema.latest()));
    }

    @Test
    void aVersionTwoDatabaseGainsTheMemoriesTableAndItsIndexAndKeepsItsRows() {
        Path file = dir.resolve("pincer.db");
        try (Store store = Store.open(file, Schema.MIGRATIONS.subList(0, 2))) {
            store.write(c -> {
                StoreFiles.approve(c, "weather", "1.0.0");
                return null;
            });
        }

        try (Store store = Store.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest());
            assertThat(StoreFiles.column(store, "SELECT plugin_id FROM approvals"))
                    .containsExactly("weather");
            store.write(c -> {
                try (var s = c.createStatement()) {
                    s.execute("INSERT INTO memories (id, text, metadata, created_at) VALUES ('m', 'café', '{}', 0)");
                }
                return null;
            });
            assertThat(StoreFiles.column(
                            store,
                            "SELECT id FROM memories_fts JOIN memories ON seq = memories_fts.rowid"
                                    + " WHERE memories_fts MATCH 'cafe'"))
                    .containsExactly("m");
        }
    }

    @Test
    void migratesAnOlderSchemaStepByStep() {
        Path file = dir.resolve("pincer.db");
        try (Store store = Store.open(file)) {
            store.write(c -> {
                StoreFiles.approve(c, "weather", "1.0.0");
                return null;
            });
        }
        List<Migration> steps = new ArrayList<>(Schema.MIGRATIONS);
        int latest = Schema.latest();
        steps.add(new Migration(latest + 1, "approval notes", List.of("ALTER TABLE approvals ADD COLUMN note TEXT")));
        steps.add(new Migration(latest + 2, "note default", List.of("UPDATE approvals SET note = 'migrated'")));

        try (Store store = Store.open(file, steps)) {
            assertThat(store.schemaVersion()).isEqualTo(latest + 2);
            assertThat(StoreFiles.column(store, "SELECT plugin_id || ':' || note FROM approvals"))
                    .containsExactly("weather:migrated");
        }
    }

    @Test
    void aFailedStepLeavesTheDatabaseAtTheLastCompleteStep() {
        Path file = dir.resolve("pincer.db");
        List<Migration> steps = new ArrayList<>(Schema.MIGRATIONS);
        int latest = Schema.latest();
        steps.add(new Migration(latest + 1, "broken step", List.of("CREATE TABLE half (x)", "THIS IS NOT SQL")));

        assertThatThrownBy(() -> Store.open(file, steps)).isInstanceOfSatisfying(PincerException.class, e -> {
            assertThat(e.code()).isEqualTo("store.migrate");
            assertThat(e.getMessage())
                    .contains(file.toString())
                    .contains("schema version " + (latest + 1) + " (broken step)");
            assertThat(e.hint()).contains("left at schema version " + latest);
        });

        assertThat(StoreFiles.column(file, "PRAGMA user_version")).containsExactly(String.valueOf(latest));
        assertThat(StoreFiles.column(file, "SELECT name FROM sqlite_schema"))
                .contains("approvals")
                .doesNotContain("half");
    }

    @Test
    void refusesADatabaseFromANewerPincerWithoutChangingIt() {
        Path file = dir.resolve("pincer.db");
        StoreFiles.execute(file, "CREATE TABLE future (x)", "PRAGMA user_version = 7");
        byte[] before = StoreFiles.bytes(file);

        assertThatThrownBy(() -> Store.open(file)).isInstanceOfSatisfying(PincerException.class, e -> {
            assertThat(e.code()).isEqualTo("store.newer-schema");
            assertThat(e.path()).isEqualTo(file.toAbsolutePath());
            assertThat(e.getMessage())
                    .isEqualTo("The Pincer database " + file.toAbsolutePath()
                            + " has schema version 7, but this Pincer knows schema versions up to " + Schema.latest()
                            + ".");
            assertThat(e.hint()).startsWith("Upgrade Pincer, or point PINCER_HOME elsewhere.");
        });

        assertThat(StoreFiles.bytes(file)).isEqualTo(before);
        assertThat(dir.resolve("pincer.db-wal")).doesNotExist();
    }

    @Test
    void writeRollsBackWhenTheWorkThrowsAndRethrowsTheSameException() {
        try (Store store = Store.open(file())) {
            IllegalStateException boom = new IllegalStateException("boom");

            assertThatThrownBy(() -> store.write(c -> {
                        StoreFiles.approve(c, "weather", "1.0.0");
                        throw boom;
                    }))
                    .isSameAs(boom);

            assertThat(StoreFiles.column(store, "SELECT count(*) FROM approvals"))
                    .containsExactly("0");
        }
    }

    @Test
    void writeRollsBackWhenSqlFailsAndSaysWhichFile() {
        try (Store store = Store.open(file())) {
            assertThatThrownBy(() -> store.write(c -> {
                        StoreFiles.approve(c, "weather", "1.0.0");
                        StoreFiles.approve(c, "clock", "1.0.0");
                        StoreFiles.approve(c, "weather", "1.0.0");
                        return null;
                    }))
                    .isInstanceOfSatisfying(PincerException.class, e -> {
                        assertThat(e.code()).isEqualTo("store.write");
                        assertThat(e.getMessage())
                                .startsWith("Could not write to the Pincer database " + store.file() + ": ")
                                .contains("UNIQUE constraint failed");
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                    });

            assertThat(StoreFiles.column(store, "SELECT count(*) FROM approvals"))
                    .containsExactly("0");
            // The connection is usable again after the rollback.
            store.write(c -> {
                StoreFiles.approve(c, "clock", "1.0.0");
                return null;
            });
            assertThat(StoreFiles.column(store, "SELECT plugin_id FROM approvals"))
                    .containsExactly("clock");
        }
    }

    @Test
    void readRefusesToChangeTheDatabase() {
        try (Store store = Store.open(file())) {
            assertThatThrownBy(() -> store.read(c -> {
                        StoreFiles.approve(c, "weather", "1.0.0");
                        return null;
                    }))
                    .isInstanceOfSatisfying(
                            PincerException.class, e -> assertThat(e.code()).isEqualTo("store.read"));
            assertThat(StoreFiles.column(store, "SELECT count(*) FROM approvals"))
                    .containsExactly("0");
        }
    }

    @Test
    void refusesAWriteInsideAWriteOnTheSameThread() {
        try (Store store = Store.open(file())) {
            assertThatThrownBy(() -> store.write(c -> store.write(inner -> null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside another write");
        }
    }

    @Test
    void refusesWorkAfterClose() {
        Store store = Store.open(file());
        store.close();
        store.close();

        assertThatThrownBy(() -> store.write(c -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Pincer database " + store.file() + " is closed.");
        assertThatThrownBy(() -> store.read(c -> null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoStoresOnOneFileBothWriteWhileTheOtherWrites() throws Exception {
        Path file = file();
        try (Store first = Store.open(file);
                Store second = Store.open(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<Void> a = CompletableFuture.runAsync(() -> approveMany(first, "first", 150), pool);
                CompletableFuture<Void> b = CompletableFuture.runAsync(() -> approveMany(second, "second", 150), pool);
                CompletableFuture.allOf(a, b).get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(StoreFiles.column(
                            first,
                            "SELECT plugin_id || ':' || count(*) FROM approvals GROUP BY plugin_id ORDER BY plugin_id"))
                    .containsExactly("first:150", "second:150");
        }
    }

    @Test
    void manyThreadsWriteThroughOneStore() throws Exception {
        try (Store store = Store.open(file())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    String id = "thread" + t;
                    writes.add(CompletableFuture.runAsync(() -> approveMany(store, id, 40), pool));
                    writes.add(CompletableFuture.runAsync(() -> store.read(c -> null), pool));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                        .get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(StoreFiles.column(store, "SELECT count(*) FROM approvals"))
                    .containsExactly("320");
        }
    }

    private static void approveMany(Store store, String id, int count) {
        for (int i = 0; i < count; i++) {
            String version = "1.0." + i;
            store.write(c -> {
                StoreFiles.approve(c, id, version);
                return null;
            });
        }
    }
}
