package dev.pincer.core.host;

import dev.pincer.core.audit.AuditSink;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.policy.SpendingLedger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Holds what the host needs to hold plugins to their grants: the audit log, the spending ledger
 * policy reads, the guarded host services, and the places granted paths are relative to.
 *
 * <p>Immutable; the parts are thread-safe.
 *
 * @param audit where tool calls and guarded uses are recorded
 * @param ledger what allowed calls have cost so far, for the daily budget
 * @param guards the guarded host services
 * @param userHome the user's home folder, for {@code ~} in granted paths
 * @param workspace the workspace, for relative granted paths
 * @since 0.1.0
 */
public record HostSecurity(AuditSink audit, SpendingLedger ledger, Guards guards, Path userHome, Path workspace) {

    public HostSecurity {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * Returns security parts that keep no audit log (for embedding and tests): guards with the
     * default limits over {@code environment}, nothing spent, paths relative to {@code workspace}.
     */
    public static HostSecurity unaudited(Map<String, String> environment, Path userHome, Path workspace) {
        return new HostSecurity(
                AuditSink.NONE,
                since -> java.math.BigDecimal.ZERO,
                Guards.create(GuardSettings.defaults(), AuditSink.NONE, environment),
                userHome,
                workspace);
    }
}
