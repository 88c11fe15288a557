package dev.pincer.testkit;

import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.ApprovalBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what the harness approves for the plugins under test, standing in for the person who
 * approves: everything they ask for (the default), nothing, or only some entries.
 *
 * <p>Approving less than asked is recorded as an approval of an earlier version, which is how
 * Pincer runs a plugin with part of its request granted: the rest is denied when used. Immutable.
 *
 * @param everything whether everything asked for is approved
 * @param only when not everything: the entries approved, each {@code network:<host>}, {@code
 *     env:<NAME>}, {@code filesystem:<path>} or {@code shell}; empty approves nothing
 */
record Approving(boolean everything, Set<String> only) {

    /** The version a partial approval is recorded for, so that it is not this version's. */
    private static final String EARLIER = "0.0.0-testkit";

    Approving {
        only = Set.copyOf(only);
    }

    /** Approves what each plugin asks for. */
    static Approving all() {
        return new Approving(true, Set.of());
    }

    /**
     * Returns the book for {@code unapproved}.
     *
     * @throws IllegalArgumentException naming each entry of {@link #only} that no plugin asks for
     */
    ApprovalBook book(Catalog unapproved) {
        Map<String, Approval> approvals = new HashMap<>();
        Set<String> unused = new LinkedHashSet<>(only);
        for (CatalogEntry entry : unapproved.entries()) {
            if (entry.manifest().isEmpty()) {
                continue;
            }
            String id = entry.id();
            Permissions asked = entry.requestedPermissions();
            if (everything) {
                approvals.put(id, approval(id, entry.manifest().get().version().text(), asked));
            } else {
                Permissions some = subset(asked, unused);
                approvals.put(id, approval(id, EARLIER, some));
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("approveOnly names " + unused
                    + ", which no plugin under test asks for; write each as network:<host>, env:<NAME>,"
                    + " filesystem:<path> or shell, exactly as in the manifest's permissions");
        }
        return new ApprovalBook() {
            @Override
            public Optional<Approval> find(String pluginId, String version) {
                return latest(pluginId).filter(a -> a.version().equals(version));
            }

            @Override
            public Optional<Approval> latest(String pluginId) {
                return Optional.ofNullable(approvals.get(pluginId));
            }
        };
    }

    private Permissions subset(Permissions asked, Set<String> unused) {
        List<String> network = new ArrayList<>();
        for (String host : asked.network()) {
            keep("network:" + host, unused, () -> network.add(host));
        }
        List<Permissions.FileGrant> files = new ArrayList<>();
        for (Permissions.FileGrant file : asked.filesystem()) {
            keep("filesystem:" + file.path(), unused, () -> files.add(file));
        }
        List<String> env = new ArrayList<>();
        for (String name : asked.env()) {
            keep("env:" + name, unused, () -> env.add(name));
        }
        boolean[] shell = {false};
        if (asked.shell()) {
            keep("shell", unused, () -> shell[0] = true);
        }
        return new Permissions(network, files, env, shell[0]);
    }

    private void keep(String entry, Set<String> unused, Runnable add) {
        if (only.contains(entry)) {
            add.run();
            unused.remove(entry);
        }
    }

    private static Approval approval(String id, String version, Permissions permissions) {
        return new Approval(id, version, permissions, Instant.EPOCH, "pincer-testkit");
    }
}
