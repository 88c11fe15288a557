/**
 * Installing, updating and removing plugins: fetching a source (a folder, an archive, a git
 * repository, or an entry of a plugin index) into a staging folder under guard, checking what was
 * fetched, and moving it into place atomically with a record in the store.
 */
package dev.pincer.core.install;
