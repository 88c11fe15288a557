package dev.pincer.core.check;

import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;
import dev.pincer.core.permissions.Approval;
import dev.pincer.core.permissions.ApprovalBook;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Approves what the plugin under check asks for: the author checking their own folder stands in
 * for the person who approves.
 *
 * <p>Stateless.
 */
final class AskedFor {

    private AskedFor() {}

    /** Returns a book that approves what each plugin of {@code unapproved} asks for. */
    static ApprovalBook approved(Catalog unapproved) {
        Map<String, Approval> approvals = new HashMap<>();
        for (CatalogEntry entry : unapproved.entries()) {
            entry.manifest()
                    .ifPresent(m -> approvals.put(
                            m.id(),
                            new Approval(
                                    m.id(),
                                    m.version().text(),
                                    entry.requestedPermissions(),
                                    Instant.EPOCH,
                                    "pincer plugins test")));
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
}
