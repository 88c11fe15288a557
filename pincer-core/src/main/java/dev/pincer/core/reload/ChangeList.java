package dev.pincer.core.reload;

import dev.pincer.core.reload.ConfigChange.Area;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Collects {@link ConfigChange}s and words them the same way everywhere. Not thread-safe. */
final class ChangeList {

    private final List<ConfigChange> changes = new ArrayList<>();

    List<ConfigChange> toList() {
        return List.copyOf(changes);
    }

    void add(String key, String description, Area area, Set<String> pluginIds) {
        changes.add(new ConfigChange(key, description, area, pluginIds, false));
    }

    void addForEveryPlugin(String key, String description) {
        changes.add(new ConfigChange(key, description, Area.PLUGINS, Set.of(), true));
    }

    /** Adds {@code key old -> new in origin} when the values differ ({@code null} reads "unset"). */
    void scalar(String key, Object before, Object after, Area area, Path origin) {
        if (!same(before, after)) {
            add(key, key + " " + text(before) + " -> " + text(after) + in(origin), area, Set.of());
        }
    }

    /**
     * Adds one {@code key gained 'x'} or {@code key lost 'x'} per member that differs, each
     * touching the plugins {@code ids} names for it.
     */
    <T> void members(
            String key,
            Collection<T> before,
            Collection<T> after,
            Area area,
            Path origin,
            Function<T, Set<String>> ids) {
        for (T member : after) {
            if (!before.contains(member)) {
                add(key, key + " gained '" + member + "'" + in(origin), area, ids.apply(member));
            }
        }
        for (T member : before) {
            if (!after.contains(member)) {
                add(key, key + " lost '" + member + "'" + in(origin), area, ids.apply(member));
            }
        }
    }

    /** Adds {@code key gained/lost} lines for members that differ, touching no plugin. */
    <T> void members(String key, Collection<T> before, Collection<T> after, Area area, Path origin) {
        members(key, before, after, area, origin, m -> Set.of());
    }

    static String in(Path origin) {
        return origin == null ? "" : " in " + origin;
    }

    static String in(Collection<Path> origins) {
        return origins.isEmpty()
                ? ""
                : " in "
                        + String.join(
                                " and ", origins.stream().map(Path::toString).toList());
    }

    static Set<String> ids(String... ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Returns how a value reads in a change line: durations as {@code 500ms}/{@code 2s}, nothing as "unset". */
    static String text(Object value) {
        if (value == null) {
            return "unset";
        }
        if (value instanceof Duration d) {
            long ms = d.toMillis();
            return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** Returns a byte size as the config writes it, e.g. {@code 256MiB}. */
    static String bytes(long n) {
        if (n % (1L << 30) == 0) {
            return n / (1L << 30) + "GiB";
        }
        if (n % (1L << 20) == 0) {
            return n / (1L << 20) + "MiB";
        }
        return n % 1024 == 0 ? n / 1024 + "KiB" : n + "B";
    }
}
