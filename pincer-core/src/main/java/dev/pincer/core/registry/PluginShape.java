package dev.pincer.core.registry;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies a plugin by the kinds of capability it contributes: nothing, hooks only, one kind,
 * or several kinds (hooks count as a kind once there is anything else).
 *
 * <p>Immutable.
 *
 * @since 0.1.0
 */
public sealed interface PluginShape {

    /**
     * Returns the shape of a plugin that contributes {@code kinds}.
     *
     * @param kinds the kinds it registered or declared; may be empty
     */
    static PluginShape classify(Set<CapabilityKind> kinds) {
        if (kinds.isEmpty()) {
            return new None();
        }
        if (kinds.size() > 1) {
            return new MultiKind(kinds);
        }
        CapabilityKind only = kinds.iterator().next();
        return only == CapabilityKind.HOOK ? new HooksOnly() : new SingleKind(only);
    }

    /** Returns the kinds, in declaration order of {@link CapabilityKind}; immutable. */
    Set<CapabilityKind> kinds();

    /** Returns the shape in words, e.g. {@code "tools only"} or {@code "tools, commands and hooks"}. */
    String describe();

    /** Contributes nothing (a plugin of skills files only, or one that registered nothing yet). */
    record None() implements PluginShape {
        @Override
        public Set<CapabilityKind> kinds() {
            return Set.of();
        }

        @Override
        public String describe() {
            return "nothing";
        }
    }

    /** Contributes hook handlers and nothing else. */
    record HooksOnly() implements PluginShape {
        @Override
        public Set<CapabilityKind> kinds() {
            return Set.of(CapabilityKind.HOOK);
        }

        @Override
        public String describe() {
            return "hooks only";
        }
    }

    /**
     * Contributes one kind of capability other than hooks.
     *
     * @param kind the kind
     */
    record SingleKind(CapabilityKind kind) implements PluginShape {
        public SingleKind {
            Objects.requireNonNull(kind, "kind");
            if (kind == CapabilityKind.HOOK) {
                throw new IllegalArgumentException("a plugin of hooks only has the shape HooksOnly");
            }
        }

        @Override
        public Set<CapabilityKind> kinds() {
            return Set.of(kind);
        }

        @Override
        public String describe() {
            return kind.label() + " only";
        }
    }

    /**
     * Contributes two or more kinds of capability.
     *
     * @param kinds the kinds, at least two
     */
    record MultiKind(Set<CapabilityKind> kinds) implements PluginShape {
        public MultiKind {
            if (kinds.size() < 2) {
                throw new IllegalArgumentException("a multi-kind shape needs at least two kinds, but got " + kinds);
            }
            kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }

        @Override
        public String describe() {
            List<String> labels = kinds.stream().map(CapabilityKind::label).toList();
            return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
        }
    }
}
