package dev.pincer.core.install;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.discovery.LinkedPlugins;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.permissions.Approvals;
import dev.pincer.core.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Removes plugins that {@link Installer} installed: their folder (or only the link, never what it
 * points at), their install record, their approvals and, unless kept, their data folder {@code
 * $PINCER_HOME/data/<id>}.
 *
 * <p>Approvals are always withdrawn, so installing the same id again later, perhaps from another
 * source, asks again. Plugins found in other roots (bundled, workspace, config paths) or placed in
 * the home root by hand are refused: Pincer removes only what it installed.
 *
 * <p>Not thread-safe.
 *
 * @since 0.1.0
 */
public final class Uninstaller {

    /** What to do with the plugin's data folder. */
    public enum Data {
        /** Delete {@code $PINCER_HOME/data/<id>}. */
        DELETE,
        /** Leave it for a later install. */
        KEEP
    }

    /** What to do when enabled plugins depend on the one removed. */
    public enum Dependents {
        /** Refuse, naming them. */
        REFUSE,
        /** Remove it anyway; they fail to resolve until it is back. */
        IGNORE
    }

    private final HostLayout layout;
    private final PluginCatalog catalogs;
    private final Store store;
    private final Clock clock;

    /** Creates an uninstaller for {@code layout}, whose records and approvals are in {@code store}. */
    public Uninstaller(HostLayout layout, PluginCatalog catalogs, Store store, Clock clock) {
        this.layout = layout;
        this.catalogs = catalogs;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Returns what removing {@code id} would do; nothing is changed.
     *
     * @throws PincerException {@code cli.unknown-plugin} when no such plugin exists, {@code
     *     install.not-installed} when Pincer did not install it (naming where it comes from), {@code
     *     install.has-dependents} when enabled plugins need it and {@code dependents} is {@link
     *     Dependents#REFUSE}
     */
    public Removal plan(String id, Data data, Dependents dependents) {
        Catalog catalog = catalogs.scan(layout, new Approvals(store, clock));
        Optional<InstallRecord> record = new InstallRecords(store).find(id);
        Optional<CatalogEntry> entry = catalog.find(id);
        if (record.isEmpty()) {
            throw notInstalled(id, catalog, entry);
        }
        List<String> needing = catalog.entries().stream()
                .filter(e -> !e.id().equals(id))
                .filter(e -> e.state() != PluginState.DISABLED && e.state() != PluginState.BLOCKED)
                .filter(e -> e.manifest().isPresent()
                        && e.manifest().get().dependencies().containsKey(id))
                .map(e -> e.id() + " (requires "
                        + e.manifest().get().dependencies().get(id) + ")")
                .toList();
        if (!needing.isEmpty() && dependents == Dependents.REFUSE) {
            throw new PincerException(
                    "install.has-dependents",
                    id,
                    null,
                    "'" + id + "' is needed by enabled plugins: " + String.join(", ", needing)
                            + "; nothing was removed",
                    "uninstall or disable them first, or pass --force (they then fail to resolve until '" + id
                            + "' is back)");
        }
        Path path = record.get().path();
        Path dataFolder = layout.home().resolve("data").resolve(id);
        boolean hasData = Files.isDirectory(dataFolder, LinkOption.NOFOLLOW_LINKS);
        return new Removal(
                record.get(),
                Files.isSymbolicLink(path),
                Files.exists(path, LinkOption.NOFOLLOW_LINKS),
                hasData && data == Data.DELETE ? dataFolder : null,
                hasData && data == Data.KEEP ? dataFolder : null,
                needing);
    }

    /**
     * Carries out {@code removal} in the name of {@code actor}: the folder or link is moved out of
     * the plugin root first, and deleted only once the record is gone; if removing the record fails,
     * it is moved back.
     *
     * @throws PincerException {@code install.remove} naming what failed
     */
    public void apply(Removal removal, String actor) {
        InstallLock lock = InstallLock.take(layout.home());
        try {
            remove(removal, actor);
        } finally {
            lock.close();
        }
    }

    private void remove(Removal removal, String actor) {
        String id = removal.record().pluginId();
        Path path = removal.record().path();
        Path root = path.getParent();
        Path staging =
                layout.home().resolve(".install").resolve(UUID.randomUUID().toString());
        Path aside = staging.resolve("removed");
        boolean moved = false;
        try {
            if (removal.present()) {
                Files.createDirectories(staging);
                Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            }
            store.write(c -> {
                InstallRecords.delete(c, id);
                AuditLog.insertIn(
                        c,
                        new AuditEvent(
                                clock.instant(),
                                actor,
                                id,
                                AuditEvent.Kind.INSTALL,
                                "uninstall",
                                removal.record().origin(),
                                AuditEvent.Decision.ALLOWED,
                                removal.record().version(),
                                null,
                                null,
                                removal.keptData() != null ? "removed; data kept in " + removal.keptData() : "removed",
                                null));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            String undo = moved ? putBack(aside, path, e) : "nothing was removed";
            PincerException failure = new PincerException(
                    "install.remove",
                    id,
                    path,
                    "cannot uninstall '" + id + "' from " + path + ": " + e.getMessage() + "; " + undo,
                    "check that Pincer may write to " + root + " and that the store is usable");
            failure.initCause(e);
            InstallPlan.deleteTree(staging);
            throw failure;
        }
        new Approvals(store, clock).revoke(id, actor);
        try {
            LinkedPlugins.remove(root, id);
        } catch (IOException e) {
            throw new PincerException(
                    "install.remove",
                    id,
                    root.resolve(LinkedPlugins.FILE),
                    "'" + id + "' was uninstalled, but its line in " + root.resolve(LinkedPlugins.FILE)
                            + " could not be removed: " + e.getMessage(),
                    "delete the line starting with '" + id + "' from that file");
        }
        InstallPlan.deleteTree(staging);
        if (removal.deletedData() != null) {
            InstallPlan.deleteTree(removal.deletedData());
        }
    }

    private static String putBack(Path aside, Path path, Exception cause) {
        try {
            Files.move(aside, path, StandardCopyOption.ATOMIC_MOVE);
            return "it is back in place, unchanged";
        } catch (IOException e) {
            cause.addSuppressed(e);
            return "moving it back failed too; it is in " + aside;
        }
    }

    private static PincerException notInstalled(String id, Catalog catalog, Optional<CatalogEntry> entry) {
        if (entry.isEmpty()) {
            String hint = Suggestions.closest(
                            id, catalog.entries().stream().map(CatalogEntry::id).toList())
                    .map(s -> "did you mean '" + s + "'? `pincer plugins list` shows every plugin")
                    .orElse("`pincer plugins list` shows every plugin");
            return new PincerException(
                    "cli.unknown-plugin", id, null, "no plugin with id '" + id + "' is installed", hint);
        }
        CatalogEntry e = entry.get();
        return new PincerException(
                "install.not-installed",
                id,
                e.path(),
                "'" + id + "' was not installed by `pincer plugins install`: it is in the "
                        + e.plugin().root().kind().label() + " root at " + e.path() + " (from "
                        + e.plugin().root().origin() + "); nothing was removed",
                "remove that folder yourself, or turn the plugin off with `pincer plugins disable " + id + "`");
    }

    /**
     * What uninstalling one plugin does.
     *
     * @param record its install record, removed
     * @param link whether its path is a link (only the link is removed)
     * @param present whether its folder or link still exists
     * @param deletedData its data folder, deleted, or {@code null}
     * @param keptData its data folder, kept, or {@code null}
     * @param dependents enabled plugins that need it and will fail to resolve (only with {@link
     *     Dependents#IGNORE})
     */
    public record Removal(
            InstallRecord record,
            boolean link,
            boolean present,
            Path deletedData,
            Path keptData,
            List<String> dependents) {
        public Removal {
            Objects.requireNonNull(record, "record");
            dependents = List.copyOf(dependents);
        }
    }
}
