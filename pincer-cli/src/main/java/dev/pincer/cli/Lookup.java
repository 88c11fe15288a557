package dev.pincer.cli;

import dev.pincer.core.diagnostics.PincerException;
import dev.pincer.core.diagnostics.Suggestions;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.CatalogEntry;

/**
 * Finds a plugin named on the command line, or explains that there is none.
 *
 * <p>Stateless.
 */
final class Lookup {

    private Lookup() {}

    /**
     * Returns the plugin with {@code id}.
     *
     * @throws PincerException naming the closest installed id when there is no such plugin
     */
    static CatalogEntry require(Catalog catalog, String id) {
        return catalog.find(id).orElseThrow(() -> {
            String hint = Suggestions.closest(
                            id, catalog.entries().stream().map(CatalogEntry::id).toList())
                    .map(s -> "did you mean '" + s + "'? `pincer plugins list` shows every plugin")
                    .orElse("`pincer plugins list` shows every plugin");
            return new PincerException(
                    "cli.unknown-plugin", id, null, "no plugin with id '" + id + "' is installed", hint);
        });
    }
}
