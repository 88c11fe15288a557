package dev.pincer.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PluginHarness} runs: the plugin folders, the home config, the environment, the
 * approvals and the fakes.
 *
 * <p>Immutable; the fakes themselves are thread-safe.
 *
 * @param folders the plugin folders, at least one
 * @param config extra home config in TOML
 * @param env the host's environment variables
 * @param approving what is approved
 * @param http the fake network
 * @param clock the host's clock
 */
record HarnessSetup(
        List<Path> folders, String config, Map<String, String> env, Approving approving, FakeHttp http, Clock clock) {

    HarnessSetup {
        folders = List.copyOf(folders);
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("name at least one plugin folder to start");
        }
        Objects.requireNonNull(config, "config");
        env = Map.copyOf(env);
        Objects.requireNonNull(approving, "approving");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
    }
}
