package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs a bundled, off-by-default provider whose host and key variable come from its settings
 * through list, enable, approve and inspect, as a person would.
 */
class ConfigPermissionsTest {

    private static final String PROVIDER = "\"enabledByDefault\":false,"
            + "\"config\":{\"type\":\"object\",\"properties\":{"
            + "\"baseUrl\":{\"type\":\"string\",\"default\":\"https://api.openai.com/v1\"},"
            + "\"apiKeyEnv\":{\"type\":\"string\",\"default\":\"OPENAI_API_KEY\"}}},"
            + "\"permissions\":{\"network\":[\"${config.baseUrl}\"],\"env\":[\"${config.apiKeyEnv}\"]}";

    @TempDir
    Path tmp;

    private TestHost host;

    @BeforeEach
    void setUp() {
        host = new TestHost(tmp);
        TestHost.plugin(host.bundled, "openai", Manifests.with("openai", "1.0.0", PROVIDER));
    }

    private JsonNode listed() {
        return host.json("plugins", "list", "--json").get(0);
    }

    @Test
    void aBundledProviderIsOffUntilEnabledThenAsksForTheHostItsSettingsName() {
        assertThat(listed().get("state").asString()).isEqualTo("disabled");
        assertThat(listed().get("reason").asString())
                .isEqualTo("disabled by default (its manifest says enabledByDefault = false); enable it with"
                        + " `pincer plugins enable openai`");

        TestHost.Run enable = host.run("plugins", "enable", "openai");
        assertThat(enable.out())
                .endsWith("'openai' is now awaiting-approval: asks for network: api.openai.com; env: OPENAI_API_KEY;"
                        + " run `pincer plugins approve openai` to review and approve\n");

        TestHost.Run approve = host.runWithInput("y\n", "plugins", "approve", "openai");
        assertThat(approve.status()).as(approve.toString()).isZero();
        assertThat(approve.out())
                .contains("asks for:\n  network: api.openai.com\n  env: OPENAI_API_KEY\n")
                .contains("(taken from its settings: network from setting 'baseUrl', env from setting 'apiKeyEnv';"
                        + " when they change, Pincer asks again)")
                .contains("'openai' is now resolved");
        JsonNode inspect = host.json("plugins", "inspect", "openai", "--json");
        assertThat(inspect.get("permissions").get("network").toString()).isEqualTo("[\"api.openai.com\"]");
        assertThat(inspect.get("approval").get("status").asString()).isEqualTo("approved");
        assertThat(inspect.get("approval").get("granted").get("env").toString()).isEqualTo("[\"OPENAI_API_KEY\"]");
    }

    @Test
    void aNewHostInTheSettingsAsksForThatHostAloneAndTheOldOneNeedsNoNewApproval() {
        host.env("OLLAMA_URL", "http://127.0.0.1:11434/v1");
        TestHost.write(host.homeConfig(), "[plugins.entries.openai]\nenabled = true\n");
        assertThat(host.run("plugins", "approve", "openai", "--yes").status()).isZero();
        TestHost.write(
                host.homeConfig(),
                "[plugins.entries.openai]\nenabled = true\n[plugins.entries.openai.config]\n"
                        + "baseUrl = \"${OLLAMA_URL}\"\n");

        assertThat(listed().get("state").asString()).isEqualTo("awaiting-approval");
        assertThat(listed().get("reason").asString())
                .isEqualTo("asks for more than was approved for 1.0.0: network: 127.0.0.1:11434; run `pincer plugins"
                        + " approve openai` to review and approve");
        TestHost.Run inspect = host.run("plugins", "inspect", "openai");
        assertThat(inspect.out())
                .contains("  permissions asked for:\n    network: 127.0.0.1:11434\n    env: OPENAI_API_KEY\n")
                .contains("  not yet approved (denied until approved):\n    network: 127.0.0.1:11434\n");
        TestHost.Run approve = host.runWithInput("y\n", "plugins", "approve", "openai");
        assertThat(approve.out())
                .contains("1.0.0 was approved before for:\n  env: OPENAI_API_KEY\n")
                .contains("(only this needs your approval):\n  + network: 127.0.0.1:11434\n")
                .contains("'openai' is now resolved");

        TestHost.write(host.homeConfig(), "[plugins.entries.openai]\nenabled = true\n");
        assertThat(listed().get("state").asString()).isEqualTo("resolved");
    }

    @Test
    void aSettingThatIsNotAHostFailsThePluginAndCannotBeApproved() {
        TestHost.write(
                host.homeConfig(),
                "[plugins.entries.openai]\nenabled = true\n[plugins.entries.openai.config]\n"
                        + "baseUrl = \"http://user@evil.example@api.openai.com/v1\"\n");

        assertThat(listed().get("state").asString()).isEqualTo("failed");
        assertThat(listed().get("reason").asString())
                .startsWith("setting 'baseUrl' of 'openai' is 'http://…@api.openai.com/v1' (set in " + host.homeConfig()
                        + "), which permissions.network cannot take a host from: the URL carries user information"
                        + " before '@', which can hide the real host; expected an http(s) URL");
        TestHost.Run approve = host.run("plugins", "approve", "openai", "--yes");
        assertThat(approve.status()).isEqualTo(1);
        assertThat(approve.err())
                .contains("plugin 'openai' takes permissions from its settings, and they cannot be worked out, so"
                        + " there is nothing to approve yet: setting 'baseUrl' of 'openai'")
                .contains("hint: set baseUrl in [plugins.entries.openai.config] of " + host.homeConfig());
    }

    @Test
    void aDisabledProviderCanBeApprovedBeforeItIsEnabled() {
        TestHost.Run approve = host.run("plugins", "approve", "openai", "--yes");

        assertThat(approve.status()).as(approve.toString()).isZero();
        assertThat(approve.out()).contains("asks for:\n  network: api.openai.com\n  env: OPENAI_API_KEY\n");
        assertThat(host.run("plugins", "enable", "openai").out())
                .endsWith("'openai' is now resolved: enabled in " + host.homeConfig() + "\n");
    }
}
