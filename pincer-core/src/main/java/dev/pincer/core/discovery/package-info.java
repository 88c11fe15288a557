/**
 * Discovery: finds plugin folders in ordered roots (bundled, home, workspace, config paths),
 * reads their manifests and decides which copy of each id wins.
 */
package dev.pincer.core.discovery;
