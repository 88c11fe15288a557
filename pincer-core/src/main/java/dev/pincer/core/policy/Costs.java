package dev.pincer.core.policy;

import java.math.BigDecimal;

/** Formats costs for reasons: plain digits, at least two decimals ({@code 0.5} as {@code 0.50}). */
final class Costs {

    private Costs() {}

    static String format(BigDecimal cost) {
        BigDecimal plain = cost.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }
}
