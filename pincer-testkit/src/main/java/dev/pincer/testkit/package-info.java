/**
 * The test kit for plugin authors: {@link dev.pincer.testkit.PluginHarness} runs plugin folders in
 * a real host with faked host services ({@link dev.pincer.testkit.FakeHttp} behind the real HTTP
 * guard, an in-memory audit log, a scripted environment, a {@link dev.pincer.testkit.TestClock});
 * {@link dev.pincer.testkit.PincerPlugin} hands a harness and its fakes to each JUnit test, and
 * {@link dev.pincer.testkit.HarnessBuilder} starts one by hand.
 */
package dev.pincer.testkit;
