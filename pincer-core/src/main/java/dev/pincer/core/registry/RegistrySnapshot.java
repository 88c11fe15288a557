package dev.pincer.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shows everything registered at one generation of a {@link CapabilityRegistry}.
 *
 * <p>Immutable and thread-safe: later changes to the registry make new snapshots and never touch
 * this one. Lists are in name order for {@link #all} and in registration order otherwise.
 *
 * @since 0.1.0
 */
public final class RegistrySnapshot {

    private final long generation;
    private final List<Capability> entries;
    private volatile Index index;

    /**
     * Holds {@code entries}, which the registry has already checked: at most one entry per (kind,
     * name) for the kinds {@linkplain CapabilityKind#ownedByOne() owned by one plugin}. The lookup
     * indexes are built on the first read, so a burst of registrations (a plugin activating) costs
     * one list copy each rather than a re-index each.
     */
    RegistrySnapshot(long generation, List<Capability> entries) {
        this.generation = generation;
        this.entries = List.copyOf(entries);
    }

    /** Returns the indexes, building them on first use; a race builds two equal ones, harmlessly. */
    private Index index() {
        Index built = index;
        if (built == null) {
            built = new Index(entries);
            index = built;
        }
        return built;
    }

    /** The lookup indexes of one snapshot; immutable once built. */
    private static final class Index {
        final Map<CapabilityKind, Map<String, Capability>> named = new EnumMap<>(CapabilityKind.class);
        final Map<CapabilityKind, List<Capability>> byKind = new EnumMap<>(CapabilityKind.class);
        final Map<String, List<Capability>> hooksByName = new HashMap<>();
        final Map<String, List<Capability>> byOwner = new HashMap<>();

        Index(List<Capability> entries) {
            Map<CapabilityKind, List<Capability>> kinds = new EnumMap<>(CapabilityKind.class);
            Map<String, List<Capability>> hooks = new LinkedHashMap<>();
            Map<String, List<Capability>> owners = new LinkedHashMap<>();
            for (Capability c : entries) {
                kinds.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
                owners.computeIfAbsent(c.owner(), o -> new ArrayList<>()).add(c);
                if (c.kind().ownedByOne()) {
                    named.computeIfAbsent(c.kind(), k -> new HashMap<>()).put(c.name(), c);
                } else {
                    if (c.kind() == CapabilityKind.HOOK) {
                        hooks.computeIfAbsent(c.name(), h -> new ArrayList<>()).add(c);
                    }
                }
            }
            // A stable sort keeps hooks of the same name in registration order.
            kinds.forEach((kind, list) -> {
                list.sort(Comparator.comparing(Capability::name));
                byKind.put(kind, List.copyOf(list));
            });
            hooks.forEach((name, list) -> hooksByName.put(name, List.copyOf(list)));
            owners.forEach((owner, list) -> byOwner.put(owner, List.copyOf(list)));
        }
    }

    /** Returns the empty snapshot a new registry starts with, generation 0. */
    static RegistrySnapshot empty() {
        return new RegistrySnapshot(0, List.of());
    }

    /** Returns the generation: 0 for a new registry, one more for each batch that changed it. */
    public long generation() {
        return generation;
    }

    /**
     * Returns the capability of {@code kind} called {@code name}, if registered.
     *
     * @throws IllegalArgumentException for {@link CapabilityKind#HOOK}, whose names are shared; use
     *     {@link #hooks(String)}
     */
    public Optional<Capability> find(CapabilityKind kind, String name) {
        requireOwnedByOne(kind);
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(index().named.getOrDefault(kind, Map.of()).get(name));
    }

    /**
     * Returns the plugin that owns the capability of {@code kind} called {@code name}, if any.
     *
     * @throws IllegalArgumentException for {@link CapabilityKind#HOOK}, whose names are shared
     */
    public Optional<String> owner(CapabilityKind kind, String name) {
        return find(kind, name).map(Capability::owner);
    }

    /** Returns every capability of {@code kind}, in name order. */
    public List<Capability> all(CapabilityKind kind) {
        return index().byKind.getOrDefault(Objects.requireNonNull(kind, "kind"), List.of());
    }

    /** Returns every handler registered on the hook point {@code hookName}, in registration order. */
    public List<Capability> hooks(String hookName) {
        return index().hooksByName.getOrDefault(Objects.requireNonNull(hookName, "hookName"), List.of());
    }

    /** Returns everything {@code owner} registered, in registration order; empty for none. */
    public List<Capability> ownedBy(String owner) {
        return index().byOwner.getOrDefault(Objects.requireNonNull(owner, "owner"), List.of());
    }

    /** Returns the ids of every plugin that registered anything, sorted. */
    public Set<String> owners() {
        return Collections.unmodifiableSet(new TreeSet<>(index().byOwner.keySet()));
    }

    /** Returns the kinds of capability {@code owner} registered. */
    public Set<CapabilityKind> kindsOf(String owner) {
        Set<CapabilityKind> kinds = EnumSet.noneOf(CapabilityKind.class);
        ownedBy(owner).forEach(c -> kinds.add(c.kind()));
        return Collections.unmodifiableSet(kinds);
    }

    /** Returns the shape of what {@code owner} registered. */
    public PluginShape shapeOf(String owner) {
        return PluginShape.classify(kindsOf(owner));
    }

    /** Returns every registered capability, in registration order. */
    public List<Capability> entries() {
        return entries;
    }

    private static void requireOwnedByOne(CapabilityKind kind) {
        if (!Objects.requireNonNull(kind, "kind").ownedByOne()) {
            throw new IllegalArgumentException(
                    "hooks are shared by name, so there is no one hook to find; use hooks(name)");
        }
    }

    @Override
    public String toString() {
        return "RegistrySnapshot[generation=" + generation + ", entries=" + entries.size() + "]";
    }
}
