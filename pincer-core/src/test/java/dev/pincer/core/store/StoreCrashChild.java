package dev.pincer.core.store;

import java.nio.file.Path;

/**
 * Child process of {@link StoreCrashTest}: writes transactions of two rows that belong together
 * (an approval and its audit row, sharing a sequence number) until it is killed, printing {@code
 * committed <n>} after each commit.
 */
public final class StoreCrashChild {

    private StoreCrashChild() {}

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]));
        for (long n = 1; ; n++) {
            long seq = n;
            store.write(c -> {
                StoreFiles.approve(c, "crash", Long.toString(seq));
                try (var s = c.prepareStatement("INSERT INTO audit (at, actor, kind, action, target, decision)"
                        + " VALUES (?, 'cli', 'approval', 'approve', ?, 'allowed')")) {
                    s.setLong(1, seq);
                    s.setString(2, Long.toString(seq));
                    s.executeUpdate();
                }
                return null;
            });
            System.out.println("committed " + n);
            System.out.flush();
        }
    }
}
