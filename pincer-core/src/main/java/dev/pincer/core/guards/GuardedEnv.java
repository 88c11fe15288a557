package dev.pincer.core.guards;

import dev.pincer.api.access.EnvAccess;
import dev.pincer.core.audit.AuditEvent.Kind;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The environment service of one plugin: returns the variables it was granted; any other name
 * reads as unset, whether or not it is set, so a plugin cannot probe which variables exist.
 *
 * <p>Each read is audited (kind ENV, action {@code get}, target the name) with the decision, never
 * the value. Both paths do one set lookup and one map lookup, so their timing does not tell them
 * apart. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
final class GuardedEnv implements EnvAccess {

    private final Set<String> granted;
    private final Map<String, String> environment;
    private final Auditor auditor;

    GuardedEnv(Set<String> granted, Map<String, String> environment, Auditor auditor) {
        this.granted = Set.copyOf(granted);
        this.environment = environment;
        this.auditor = auditor;
    }

    @Override
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        boolean allowed = granted.contains(name);
        String value = environment.get(name);
        if (!allowed) {
            auditor.denied(Kind.ENV, "get", name, "not in its env grant");
            return Optional.empty();
        }
        auditor.allowed(Kind.ENV, "get", name, auditor.now(), value == null ? "unset" : "set");
        return Optional.ofNullable(value);
    }

    @Override
    public Set<String> granted() {
        return granted;
    }
}
