package dev.pincer.core.store;

import java.util.List;
import java.util.Objects;

/**
 * One numbered step of the schema: the SQL statements that take a database from version {@code
 * version - 1} to {@code version}.
 *
 * <p>Immutable.
 *
 * @param version the schema version after this step, from 1
 * @param description what the step does, for messages
 * @param statements the SQL statements, run in order in one transaction
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be at least 1, was " + version);
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }

    /** Checks that {@code steps} are numbered 1, 2, 3 … in order, and returns them. */
    static List<Migration> ordered(List<Migration> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration at position " + i + " has version "
                        + steps.get(i).version() + "; expected " + (i + 1));
            }
        }
        return List.copyOf(steps);
    }
}
