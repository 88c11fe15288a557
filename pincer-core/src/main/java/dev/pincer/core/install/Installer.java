package dev.pincer.core.install;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.discovery.LinkedPlugins;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.permissions.Approvals;
import dev.pincer.core.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.UUID;

/**
 * Installs plugins into {@code $PINCER_HOME/plugins}: fetches a source into a staging folder under
 * {@code $PINCER_HOME/.install}, checks it ({@link #prepare}), then moves it into place atomically
 * and records it in the store ({@link #place}).
 *
 * <p>The staging folder lies outside every plugin root and on the same filesystem as the home
 * plugin root, so a running gateway never sees half a plugin and the final move is one rename. A
 * failure at any step leaves the previously installed copy, its record and its approvals as they
 * were.
 *
 * <p>A process killed between moving the installed copy aside and moving the new one in leaves the
 * old copy in its staging folder; the next {@link #prepare} puts it back (when nothing took its
 * place) and deletes staging folders left for longer than {@link #STALE_STAGING}.
 *
 * <p>One install, update or uninstall at a time may change a home: a plan holds its home's {@link
 * InstallLock} from {@link #prepare} until it is closed, and a second one is refused at once.
 *
 * @since 0.1.0
 */
public final class Installer {

    /** What to do when the plugin is already installed in the home plugin root. */
    public enum Existing {
        /** Refuse, naming where the installed copy came from. */
        REFUSE,
        /** Replace it (an update, or {@code --force}). */
        REPLACE
    }

    /** How old a staging folder must be before {@link #prepare} takes it for a crashed install's. */
    static final java.time.Duration STALE_STAGING = java.time.Duration.ofMinutes(10);

    /** The name of the folder a replaced copy is moved aside to, inside the staging folder. */
    private static final String ASIDE = "previous-";

    private final HostLayout layout;
    private final PluginCatalog catalogs;
    private final ManifestReader reader;
    private final Store store;
    private final Clock clock;
    private final InstallLimits limits;

    /** Creates an installer for {@code layout}, keeping records and approvals in {@code store}. */
    public Installer(
            HostLayout layout,
            PluginCatalog catalogs,
            ManifestReader reader,
            Store store,
            Clock clock,
            InstallLimits limits) {
        this.layout = layout;
        this.catalogs = catalogs;
        this.reader = reader;
        this.store = store;
        this.clock = clock;
        this.limits = limits;
    }

    /** Returns the home plugin root, {@code $PINCER_HOME/plugins}. */
    public Path pluginsRoot() {
        return layout.home().resolve("plugins");
    }

    /**
     * Fetches {@code request} into a new staging folder and checks what was fetched; nothing is
     * placed yet. The caller closes the plan, which deletes the staging folder.
     *
     * @throws PincerException saying what is wrong with the source or the plugin and what to do; the
     *     staging folder is deleted by then
     */
    public InstallPlan prepare(SourceRequest request, Existing existing, Progress progress) {
        InstallLock lock = InstallLock.take(layout.home());
        Path staging;
        try {
            recoverLeftovers(progress);
            staging = newStaging();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            Fetched fetched = Sources.fetch(request.forHost(catalogs.hostVersion()), staging, limits, progress);
            progress.step("Checking " + fetched.source());
            Catalog catalog = catalogs.scan(layout, approvals());
            InstallPlan.Checked checked = new InstallChecks(reader, catalog, approvals(), records(), layout.env())
                    .check(fetched, pluginsRoot(), existing);
            return new InstallPlan(
                    staging,
                    fetched,
                    request,
                    checked,
                    pluginsRoot().resolve(checked.manifest().id()),
                    lock);
        } catch (RuntimeException e) {
            try {
                InstallPlan.deleteTree(staging);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            } finally {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Moves {@code plan} into place and records it; when {@code approvedBy} is not {@code null},
     * also approves what the plugin asks for in that person's name. A copy it replaces is moved
     * aside first and deleted only once the new one is recorded; on any failure it is moved back.
     *
     * @return the install record written
     * @throws PincerException {@code install.place} naming what failed; nothing is changed then
     */
    public InstallRecord place(InstallPlan plan, String approvedBy) {
        new Placement(pluginsRoot(), plan, store, approvals(), clock).run(record(plan), approvedBy);
        return records().find(plan.id()).orElseThrow();
    }

    private InstallRecord record(InstallPlan plan) {
        Fetched fetched = plan.fetched();
        return new InstallRecord(
                plan.id(),
                plan.version(),
                fetched.source(),
                fetched.kind(),
                plan.request().ref(),
                fetched.digest(),
                fetched.commit(),
                plan.target(),
                clock.instant());
    }

    private Approvals approvals() {
        return new Approvals(store, clock);
    }

    private InstallRecords records() {
        return new InstallRecords(store);
    }

    /**
     * Puts back copies an interrupted install moved aside, and deletes staging folders it left. The
     * caller holds the install lock, so no other install is running; folders younger than {@link
     * #STALE_STAGING} are still left alone, in case one was started by a Pincer without the lock.
     */
    private void recoverLeftovers(Progress progress) {
        Path installs = layout.home().resolve(".install");
        if (!Files.isDirectory(installs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        java.time.Instant stale = clock.instant().minus(STALE_STAGING);
        try (java.util.stream.Stream<Path> folders = Files.list(installs)) {
            for (Path staging : folders.toList()) {
                if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // the lock file
                }
                if (Files.getLastModifiedTime(staging, LinkOption.NOFOLLOW_LINKS)
                        .toInstant()
                        .isAfter(stale)) {
                    continue;
                }
                try (java.util.stream.Stream<Path> inside = Files.list(staging)) {
                    for (Path aside : inside.toList()) {
                        String name = aside.getFileName().toString();
                        Path target = pluginsRoot().resolve(name.substring(Math.min(name.length(), ASIDE.length())));
                        if (name.startsWith(ASIDE) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                            progress.step("Put back " + target + ", which an interrupted install had moved aside");
                        }
                    }
                }
                InstallPlan.deleteTree(staging);
            }
        } catch (IOException | RuntimeException e) {
            progress.step("Could not tidy " + installs + " after an interrupted install: " + e.getMessage());
        }
    }

    private Path newStaging() {
        Path staging =
                layout.home().resolve(".install").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(staging);
            Files.createDirectories(pluginsRoot());
        } catch (IOException e) {
            throw new PincerException(
                    "install.staging",
                    null,
                    staging,
                    "cannot create the staging folder " + staging + ": " + e.getMessage(),
                    "check that Pincer may write to " + layout.home());
        }
        return staging;
    }

    /** Moves one plan into place and undoes every step if a later one fails; not thread-safe. */
    private static final class Placement {
        private final Path root;
        private final InstallPlan plan;
        private final Store store;
        private final Approvals approvals;
        private final Clock clock;
        private final Path aside;
        private final Path previousLink;
        private boolean movedAside;
        private boolean placed;
        private boolean recorded;
        private boolean linksChanged;

        Placement(Path root, InstallPlan plan, Store store, Approvals approvals, Clock clock) {
            this.root = root;
            this.plan = plan;
            this.store = store;
            this.approvals = approvals;
            this.clock = clock;
            this.aside = plan.staging().resolve(ASIDE + plan.id());
            this.previousLink = LinkedPlugins.read(root).get(plan.id());
        }

        void run(InstallRecord record, String approvedBy) {
            Path target = plan.target();
            try {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                    movedAside = true;
                }
                if (plan.fetched().kind() == Fetched.Kind.LINK) {
                    LinkedPlugins.add(root, plan.id(), plan.fetched().folder());
                    linksChanged = true;
                    Files.createSymbolicLink(target, plan.fetched().folder());
                } else {
                    if (previousLink != null) {
                        LinkedPlugins.remove(root, plan.id());
                        linksChanged = true;
                    }
                    Files.move(plan.fetched().folder(), target, StandardCopyOption.ATOMIC_MOVE);
                }
                placed = true;
                store.write(c -> {
                    InstallRecords.put(c, record);
                    AuditLog.insertIn(c, audited(record, approvedBy));
                    return null;
                });
                recorded = true;
                if (approvedBy != null && plan.needsApproval()) {
                    approvals.approve(
                            plan.id(),
                            plan.version(),
                            plan.standing().orElseThrow().toApprove(),
                            approvedBy);
                }
            } catch (IOException | RuntimeException e) {
                PincerException failure = new PincerException(
                        "install.place",
                        plan.id(),
                        target,
                        "cannot place '" + plan.id() + "' " + plan.version() + " at " + target + ": " + describe(e)
                                + "; " + undo(e),
                        "check that Pincer may write to " + root + " and that the store is usable");
                failure.initCause(e);
                throw failure;
            }
        }

        /** Returns the audit record of this install: who placed which version from where. */
        private AuditEvent audited(InstallRecord record, String actor) {
            String from = plan.previous().map(p -> p.version() + " -> ").orElse("");
            return new AuditEvent(
                    clock.instant(),
                    actor == null ? "pincer" : actor,
                    record.pluginId(),
                    AuditEvent.Kind.INSTALL,
                    plan.previous().isPresent() ? "update" : "install",
                    record.origin(),
                    AuditEvent.Decision.ALLOWED,
                    from + record.version(),
                    record.commit() != null ? record.commit() : record.digest(),
                    null,
                    "installed at " + record.path(),
                    null);
        }

        /** Undoes what was done, and returns a sentence saying whether everything was put back. */
        private String undo(Exception cause) {
            try {
                if (placed) {
                    InstallPlan.deleteTree(plan.target());
                }
                if (movedAside) {
                    Files.move(aside, plan.target(), StandardCopyOption.ATOMIC_MOVE);
                }
                if (linksChanged && previousLink != null) {
                    LinkedPlugins.add(root, plan.id(), previousLink);
                } else if (linksChanged) {
                    LinkedPlugins.remove(root, plan.id());
                }
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
                return "putting things back failed too (" + describe(e) + ")"
                        + (movedAside ? "; the previous version is in " + aside : "");
            }
            if (recorded) {
                try {
                    restoreRecord(
                            plan.previous().map(InstallPlan.Previous::record).orElse(null));
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                    return "the files are back as they were, but the install record could not be restored ("
                            + describe(e) + ")";
                }
            }
            return movedAside ? "the previous version is back in place, unchanged" : "nothing was installed";
        }

        private void restoreRecord(InstallRecord old) {
            store.write(c -> {
                if (old == null) {
                    InstallRecords.delete(c, plan.id());
                } else {
                    InstallRecords.put(c, old);
                }
                return null;
            });
        }

        private static String describe(Exception e) {
            if (e instanceof UncheckedIOException u) {
                return describe(u.getCause());
            }
            String message = e.getMessage();
            return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
        }
    }
}
