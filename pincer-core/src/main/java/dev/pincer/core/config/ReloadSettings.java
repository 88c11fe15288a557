package dev.pincer.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Says how a running Pincer ({@code pincer gateway}, {@code pincer mcp}) follows changes on disk:
 * the home config's {@code [reload]} table. A workspace file cannot change it.
 *
 * <p>Immutable.
 *
 * @param strategy what to do when a config file changes
 * @param debounce how long the files must be quiet before a burst of changes is acted on
 * @param watch whether plugin roots, skills roots and config files are watched at all
 * @since 0.1.0
 */
public record ReloadSettings(Strategy strategy, Duration debounce, boolean watch) {

    /** The quiet time that ends a burst of changes unless configured otherwise. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(150);

    public ReloadSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(debounce, "debounce");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("reload debounce must not be negative, but was " + debounce);
        }
    }

    /** Returns {@code hybrid}, 150 ms of quiet, watching on. */
    public static ReloadSettings defaults() {
        return new ReloadSettings(Strategy.HYBRID, DEFAULT_DEBOUNCE, true);
    }

    /** What a running Pincer does when a config file changes. */
    public enum Strategy {
        /** Applies every change in place; a change that cannot be applied live is reported, not applied. */
        HOT,
        /** Applies nothing; tells the operator a restart is needed and what changed. */
        RESTART,
        /** Applies in place what is safe to; asks for a restart only for the rest, and says which. */
        HYBRID;

        /** Returns the word used in config: {@code hot}, {@code restart} or {@code hybrid}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns the strategy called {@code label}, if there is one. */
        public static Optional<Strategy> of(String label) {
            for (Strategy s : values()) {
                if (s.label().equals(label)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }
}
