/**
 * Plugin lifecycle: the states a plugin can be in and the catalog that puts every installed
 * plugin in one, with its reason.
 */
package dev.pincer.core.lifecycle;
