package dev.pincer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.core.diagnostics.PincerException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Damaged files are refused with {@code store.corrupt} and left exactly as they were. */
class StoreCorruptionTest {

    private static final long SEED = 20240611L;

    @TempDir
    Path dir;

    enum Damage {
        RANDOM_BYTES {
            @Override
            void apply(Path file) throws IOException {
                byte[] garbage = new byte[3 * 4096];
                new Random(SEED).nextBytes(garbage);
                Files.write(file, garbage);
            }
        },
        TRUNCATED_MID_PAGE {
            @Override
            void apply(Path file) throws IOException {
                realDatabase(file);
                long size = Files.size(file);
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(size / 2 / pageSize(file) * pageSize(file) + pageSize(file) / 2);
                }
            }
        },
        TRUNCATED_AT_A_PAGE_BOUNDARY {
            @Override
            void apply(Path file) throws IOException {
                realDatabase(file);
                long size = Files.size(file);
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(size / 2 / pageSize(file) * pageSize(file));
                }
            }
        },
        PAGE_OVERWRITTEN_WITH_GARBAGE {
            @Override
            void apply(Path file) throws IOException {
                realDatabase(file);
                int page = Integer.parseInt(
                        StoreFiles.column(file, "SELECT rootpage FROM sqlite_schema WHERE name = 'audit'")
                                .get(0));
                int size = pageSize(file);
                byte[] garbage = new byte[size];
                new Random(SEED).nextBytes(garbage);
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek((long) (page - 1) * size);
                    raf.write(garbage);
                }
            }
        };

        abstract void apply(Path file) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void refusesADamagedFileWithoutChangingIt(Damage damage) throws IOException {
        Path file = dir.resolve("pincer.db");
        damage.apply(file);
        byte[] before = StoreFiles.bytes(file);

        assertThatThrownBy(() -> Store.open(file)).isInstanceOfSatisfying(PincerException.class, e -> {
            assertThat(e.code()).isEqualTo("store.corrupt");
            assertThat(e.path()).isEqualTo(file.toAbsolutePath());
            assertThat(e.getMessage())
                    .startsWith("The Pincer database " + file.toAbsolutePath()
                            + " is damaged or is not a SQLite database: ");
            assertThat(e.hint())
                    .startsWith("Move " + file.toAbsolutePath() + " aside")
                    .contains("Pincer then starts a new database, and plugin approvals must be given again")
                    .endsWith("Pincer did not change the file.");
        });

        assertThat(StoreFiles.bytes(file)).isEqualTo(before);
        // A read-only check of a write-ahead-log file may leave an empty log beside it; nothing is written.
        Path log = dir.resolve("pincer.db-wal");
        if (Files.exists(log)) {
            assertThat(log).isEmptyFile();
        }
    }

    /** Writes a database of several pages through {@link Store}, and closes it. */
    private static void realDatabase(Path file) {
        try (Store store = Store.open(file)) {
            store.write(c -> {
                try (var s = c.prepareStatement(
                        "INSERT INTO audit (at, actor, kind, action, target, decision) VALUES (?, 'cli', 'tool', 'x', ?, 'allowed')")) {
                    for (int i = 0; i < 2000; i++) {
                        s.setLong(1, i);
                        s.setString(2, "target number " + i + " with some length to fill pages");
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
        }
        assertThat(file.resolveSibling("pincer.db-wal")).doesNotExist();
    }

    private static int pageSize(Path file) {
        return Integer.parseInt(StoreFiles.column(file, "PRAGMA page_size").get(0));
    }
}
