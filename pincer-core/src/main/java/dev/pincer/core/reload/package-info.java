/**
 * Reload without a restart: watches plugin roots, skills roots and config files, and turns a burst
 * of changes into one new generation of the plugins concerned, or a config change into what its
 * reload strategy allows.
 */
package dev.pincer.core.reload;
