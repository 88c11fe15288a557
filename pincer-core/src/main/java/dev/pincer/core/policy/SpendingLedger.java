package dev.pincer.core.policy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Tells the policy how much allowed tool calls have spent, by their declared costs.
 *
 * <p>The host backs it with the audit log. Implementations must be thread-safe. The policy asks
 * only when a call declares a cost and a daily budget is set; when the ledger throws or answers
 * {@code null}, the call is treated as over the budget.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SpendingLedger {

    /**
     * Returns the sum of the declared costs of the calls allowed at or after {@code since}; zero
     * when there were none.
     */
    BigDecimal spentSince(Instant since);
}
