package dev.pincer.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.store.ChildJvm;
import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed while its audit log writes keeps every flushed event, each once. */
class AuditLogCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledProcessKeepsEveryFlushedEventExactlyOnce() throws Exception {
        Path file = dir.resolve("pincer.db");

        List<Long> printed = ChildJvm.killAfter(AuditCrashChild.class, 200, dir.resolve("child.err"), file.toString());

        assertThat(printed).hasSizeGreaterThanOrEqualTo(200);
        try (Store store = Store.open(file)) {
            List<String> flushed = strings(store, "SELECT action || ' ' || target FROM audit WHERE action != 'noise'");
            List<String> expected = new ArrayList<>();
            for (long n : printed) {
                expected.add("first seq-" + n);
                expected.add("second seq-" + n);
            }
            assertThat(flushed).containsAll(expected).doesNotHaveDuplicates();
            assertThat(strings(store, "SELECT target FROM audit WHERE action = 'noise'"))
                    .isNotEmpty()
                    .doesNotHaveDuplicates();
        }
    }

    private static List<String> strings(Store store, String sql) {
        return store.read(c -> {
            List<String> values = new ArrayList<>();
            try (var s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        });
    }
}
