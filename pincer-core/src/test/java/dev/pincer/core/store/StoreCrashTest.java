package dev.pincer.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed while writing leaves every committed transaction whole and no half one. */
class StoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLosesNoCommittedTransactionAndLeavesNoHalfOne() throws Exception {
        Path file = dir.resolve("pincer.db");

        List<Long> printed = ChildJvm.killAfter(StoreCrashChild.class, 200, dir.resolve("child.err"), file.toString());

        assertThat(printed).hasSizeGreaterThanOrEqualTo(200);
        try (Store store = Store.open(file)) {
            Set<Long> approvals = numbers(store, "SELECT version FROM approvals WHERE plugin_id = 'crash'");
            Set<Long> audits = numbers(store, "SELECT target FROM audit WHERE action = 'approve'");
            assertThat(approvals).containsAll(printed);
            // Each transaction is there whole or not at all.
            assertThat(audits).isEqualTo(approvals);
            // Transactions ran one after another: no gap before the last one kept.
            long last = approvals.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(approvals).hasSize((int) last);
        }
    }

    private static Set<Long> numbers(Store store, String sql) {
        return StoreFiles.column(store, sql).stream()
                .map(Long::parseLong)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
