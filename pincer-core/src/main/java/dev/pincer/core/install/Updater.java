package dev.pincer.core.install;

import dev.pincer.core.diagnostics.PincerException;
import java.util.List;
import java.util.Optional;

/**
 * Updates installed plugins from the source in their install record: a git source from the same
 * ref (or the default branch), an index entry to the newest listed version, a folder or archive
 * from the same place again. A linked folder is already current and has nothing to update.
 *
 * <p>Not thread-safe.
 *
 * @since 0.1.0
 */
public final class Updater {

    private final Installer installer;
    private final InstallRecords records;
    private final List<String> indexes;

    /** Creates an updater that installs with {@code installer} and searches {@code indexes}. */
    public Updater(Installer installer, InstallRecords records, List<String> indexes) {
        this.installer = installer;
        this.records = records;
        this.indexes = List.copyOf(indexes);
    }

    /** Returns the record of every plugin Pincer installed, by id. */
    public List<InstallRecord> installed() {
        return records.all();
    }

    /**
     * Returns the record of {@code id}.
     *
     * @throws PincerException {@code install.not-installed} when Pincer did not install it
     */
    public InstallRecord record(String id) {
        return records.find(id)
                .orElseThrow(() -> new PincerException(
                        "install.not-installed",
                        id,
                        null,
                        "'" + id + "' was not installed by `pincer plugins install`, so there is no source to"
                                + " update it from",
                        "`pincer plugins list` shows where each plugin comes from; install it with `pincer"
                                + " plugins install <source>` to have it updated"));
    }

    /**
     * Fetches and checks the current version of {@code record}'s plugin; empty for a linked folder,
     * which is always current. The caller closes the plan.
     *
     * @throws PincerException when fetching or checking fails, or the source now holds another
     *     plugin
     */
    public Optional<InstallPlan> prepare(InstallRecord record, Progress progress) {
        if (record.kind() == Fetched.Kind.LINK) {
            return Optional.empty();
        }
        InstallPlan plan = installer.prepare(request(record), Installer.Existing.REPLACE, progress);
        if (!plan.id().equals(record.pluginId())) {
            String found = plan.id();
            plan.close();
            throw new PincerException(
                    "install.source-changed",
                    record.pluginId(),
                    null,
                    record.source() + " now holds plugin '" + found + "', not '" + record.pluginId()
                            + "'; nothing was updated",
                    "uninstall '" + record.pluginId() + "' and install '" + found + "' if that is intended");
        }
        return Optional.of(plan);
    }

    /** Returns the request that fetches {@code record}'s source again. */
    SourceRequest request(InstallRecord record) {
        String source = record.source();
        if (record.kind() == Fetched.Kind.INDEX) {
            int at = source.indexOf('@');
            source = at > 0 ? source.substring(0, at) : source;
        }
        return new SourceRequest(source, record.ref(), false, indexes);
    }
}
