package dev.pincer.core.commands;

import dev.pincer.api.Registration;
import dev.pincer.core.diagnostics.Diagnostic;
import java.util.Objects;

/**
 * Says whether {@link CommandRegistry#register} took a plugin's command or refused it.
 *
 * <p>Implementations are immutable records.
 *
 * @since 0.1.0
 */
public sealed interface CommandAdmission {

    /**
     * Returns whether the command was registered.
     *
     * @return {@code true} for {@link Accepted}
     */
    default boolean accepted() {
        return this instanceof Accepted;
    }

    /**
     * The command was registered.
     *
     * @param registration withdraws the command; calls already running finish
     * @since 0.1.0
     */
    record Accepted(Registration registration) implements CommandAdmission {
        public Accepted {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * The command was refused, for example because its name was taken ({@code commands.collision}).
     *
     * @param diagnostic what was wrong, naming the command and both owners
     * @since 0.1.0
     */
    record Refused(Diagnostic diagnostic) implements CommandAdmission {
        public Refused {
            Objects.requireNonNull(diagnostic, "diagnostic");
        }
    }
}
