package dev.pincer.core.reload;

import dev.pincer.core.config.ConfigLoadResult;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.discovery.PluginRoot;
import dev.pincer.core.host.PluginHost;
import dev.pincer.core.host.ReloadReport;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps a running {@link PluginHost} in step with the disk: watches the plugin roots, the skills
 * roots and both config files, and turns each burst of changes into one {@link PluginHost#reload}
 * of the plugins concerned, a config change into what its {@code [reload] strategy} allows, and a
 * change under a skills root into a skills refresh.
 *
 * <p>A plugin is concerned when a changed path lies in its folder (old or new), when it appeared or
 * disappeared, or when its catalog entry changed (state, settings, manifest), which is how a config
 * edit that enables, disables or reconfigures a plugin reaches it. Every outcome goes to the {@code
 * log} as lines for the operator.
 *
 * <p>Thread-safe: changes are handled one burst at a time, and {@link #reloadNow} waits its turn.
 *
 * @since 0.1.0
 */
public final class Reloader implements AutoCloseable {

    private final PluginHost host;
    private final HostLayout layout;
    private final Function<ConfigLoadResult, Catalog> scanner;
    private final Runnable skillsRefresh;
    private final List<Path> skillsRoots;
    private final Consumer<String> log;
    private final ConfigLoader configLoader = ConfigLoader.create();
    private ConfigLoadResult config;
    private Catalog catalog;
    private final List<java.util.function.BiConsumer<ConfigLoadResult, Catalog>> followers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private FileWatcher watcher;

    /**
     * Creates a reloader for {@code host}, which runs {@code catalog}, scanned under {@code config}.
     *
     * @param scanner scans the plugins anew under a given configuration (with the approvals on record)
     * @param skillsRoots folders whose changes mean the skills must be read again
     * @param skillsRefresh reads the skills again
     * @param log takes one line for the operator at a time
     */
    public Reloader(
            PluginHost host,
            HostLayout layout,
            ConfigLoadResult config,
            Catalog catalog,
            Function<ConfigLoadResult, Catalog> scanner,
            List<Path> skillsRoots,
            Runnable skillsRefresh,
            Consumer<String> log) {
        this.host = Objects.requireNonNull(host, "host");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.skillsRoots = List.copyOf(skillsRoots);
        this.skillsRefresh = Objects.requireNonNull(skillsRefresh, "skillsRefresh");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Starts watching, unless {@code [reload] watch = false}: every plugin root, every skills root
     * and both config files, with the configured debounce.
     *
     * @return whether watching started
     */
    public synchronized boolean watch() {
        if (!config.config().reload().watch() || watcher != null) {
            return false;
        }
        FileWatcher.Builder builder = FileWatcher.builder()
                .debounce(config.config().reload().debounce())
                .file(layout.homeConfig())
                .file(layout.workspaceConfig());
        catalog.roots().stream().map(PluginRoot::path).forEach(builder::folder);
        skillsRoots.forEach(builder::folder);
        watcher = builder.start(this::changed);
        return true;
    }

    /**
     * Calls {@code follower} with the configuration and catalog after every reload, on the
     * reloader's thread, for parts of the host kept outside plugins that follow the config (the
     * memory slot, say). A follower that throws is reported to the log and the others still run.
     */
    public void onReloaded(java.util.function.BiConsumer<ConfigLoadResult, Catalog> follower) {
        followers.add(Objects.requireNonNull(follower, "follower"));
    }

    private void tellFollowers() {
        for (var follower : followers) {
            try {
                follower.accept(config, catalog);
            } catch (RuntimeException e) {
                log.accept("reload: could not follow the new configuration: " + e.getMessage());
            }
        }
    }

    /**
     * Reloads plugin {@code id} (and its dependants) now, as if its files had changed.
     *
     * @throws IllegalArgumentException if no plugin of that id is known, before or after a new scan
     */
    public synchronized ReloadReport reloadNow(String id) {
        Catalog fresh = scanner.apply(config);
        if (fresh.find(id).isEmpty() && catalog.find(id).isEmpty()) {
            List<String> ids = fresh.entries().stream().map(CatalogEntry::id).toList();
            throw new IllegalArgumentException("no plugin '" + id + "' is installed"
                    + Suggestions.closest(id, ids)
                            .map(s -> "; did you mean '" + s + "'?")
                            .orElse("")
                    + " (`pincer plugins list` shows them)");
        }
        ReloadReport report = apply(fresh, Set.of(id));
        tellFollowers();
        return report;
    }

    /** Handles one burst of changed paths. */
    synchronized void changed(Set<Path> paths) {
        boolean skills = paths.stream().anyMatch(p -> skillsRoots.stream().anyMatch(p::startsWith));
        if (paths.contains(layout.homeConfig()) || paths.contains(layout.workspaceConfig())) {
            ReloadPlan plan = ConfigChanges.forLayout(layout).plan(config.config(), configLoader.load(layout));
            plan.lines().forEach(line -> log.accept("config: " + line));
            if (plan.accepted()) {
                ConfigLoadResult loaded = new ConfigLoadResult(plan.config(), plan.diagnostics(), plan.brokenFiles());
                boolean policy = plan.policyChanged();
                skills |= plan.skillsChanged();
                config = loaded;
                if (policy) {
                    host.configurePolicy(plan.config().policy());
                }
            }
        }
        Catalog fresh = scanner.apply(config);
        Set<String> ids = concerned(paths, catalog, fresh);
        if (!ids.isEmpty()) {
            apply(fresh, ids);
        } else {
            catalog = fresh;
        }
        if (skills || !ids.isEmpty()) {
            skillsRefresh.run();
        }
        tellFollowers();
    }

    private ReloadReport apply(Catalog fresh, Collection<String> ids) {
        ReloadReport report = host.reload(fresh, ids);
        catalog = fresh;
        report.lines().forEach(line -> log.accept("reload: " + line));
        return report;
    }

    /**
     * Returns the plugins a burst concerns: those whose folder (before or after) holds a changed
     * path, and those whose catalog entry differs between {@code before} and {@code after}.
     */
    static Set<String> concerned(Collection<Path> paths, Catalog before, Catalog after) {
        Set<String> ids = new TreeSet<>();
        for (Catalog c : List.of(before, after)) {
            for (CatalogEntry e : c.entries()) {
                Path folder = e.path();
                if (paths.stream().anyMatch(p -> p.startsWith(folder))) {
                    ids.add(e.id());
                }
            }
        }
        Map<String, CatalogEntry> old = before.entries().stream().collect(Collectors.toMap(CatalogEntry::id, e -> e));
        Map<String, CatalogEntry> now = after.entries().stream().collect(Collectors.toMap(CatalogEntry::id, e -> e));
        Set<String> all = new TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        for (String id : all) {
            if (!sameEntry(old.get(id), now.get(id))) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static boolean sameEntry(CatalogEntry a, CatalogEntry b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.state() == b.state()
                && a.path().equals(b.path())
                && Objects.equals(a.settings(), b.settings())
                && Objects.equals(a.hookTimeout(), b.hookTimeout())
                && Objects.equals(
                        a.manifest().map(m -> m.document()).orElse(null),
                        b.manifest().map(m -> m.document()).orElse(null));
    }

    /** Returns whether files are being watched. */
    public synchronized boolean watching() {
        return watcher != null;
    }

    /** Stops watching. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
