/**
 * The test kit for plugin authors: {@link dev.pincer.testkit.PluginHarness} runs plugin folders in
 * a real host; {@link dev.pincer.testkit.PincerPlugin} hands one to each JUnit test.
 */
package dev.pincer.testkit;
