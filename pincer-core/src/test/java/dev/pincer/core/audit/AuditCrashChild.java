package dev.pincer.core.audit;

import dev.pincer.core.audit.AuditEvent.Decision;
import dev.pincer.core.audit.AuditEvent.Kind;
import dev.pincer.core.store.Store;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process of {@link AuditLogCrashTest}: records pairs of audit events sharing a sequence
 * number, flushes, and prints {@code committed <n>}; another thread records events without
 * flushing, so the writer is busy when the child is killed.
 */
public final class AuditCrashChild {

    private AuditCrashChild() {}

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]));
        AuditLog log = new AuditLog(store, System.err::println);
        Thread noise = new Thread(() -> {
            for (long i = 0; ; i++) {
                log.record(event("noise", "noise-" + i));
                if (i % 10 == 0) {
                    pause();
                }
            }
        });
        noise.setDaemon(true);
        noise.start();
        for (long n = 1; ; n++) {
            log.record(event("first", "seq-" + n));
            log.record(event("second", "seq-" + n));
            log.flush();
            System.out.println("committed " + n);
            System.out.flush();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AuditEvent event(String action, String target) {
        return AuditEvent.access(Instant.now(), "crash", Kind.PROCESS, action, target, Decision.ALLOWED, null);
    }
}
