package dev.pincer.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.Fixtures;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.diagnostics.Diagnostic;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionRequestTest {

    private static final ManifestReader READER = ManifestReader.create();
    private static final ConfigLoader LOADER = ConfigLoader.create();

    /** An OpenAI-compatible provider: host and key variable come from its settings. */
    private static final String OPENAI = "\"config\": {\"type\": \"object\", \"properties\": {"
            + "\"baseUrl\": {\"type\": \"string\", \"default\": \"https://api.openai.com/v1\"},"
            + "\"apiKeyEnv\": {\"type\": \"string\", \"default\": \"OPENAI_API_KEY\"}}},"
            + " \"permissions\": {\"network\": [\"${config.baseUrl}\", \"status.openai.com\"],"
            + " \"env\": [\"${config.apiKeyEnv}\"], \"filesystem\": [{\"path\": \"~/.cache/openai\", \"mode\": \"read\"}]}";

    private static final String EXPECTED_HOST = "; expected an http(s) URL such as https://api.example.com/v1, or a"
            + " host such as api.example.com, api.example.com:8443 or 127.0.0.1:11434";

    @TempDir
    Path dir;

    private HostLayout layout;

    @BeforeEach
    void setUp() {
        layout = Fixtures.layout(dir, Map.of("LOCAL_URL", "http://localhost:8080/v1"));
        Fixtures.plugin(Fixtures.homePlugins(layout), "openai", "1.0.0", OPENAI);
    }

    private PermissionRequest request(String settingsToml) {
        Fixtures.file(layout.homeConfig(), "[plugins.entries.openai.config]\n" + settingsToml + "\n");
        PluginManifest manifest = READER.read(Fixtures.homePlugins(layout).resolve("openai/pincer-plugin.json"))
                .manifestIfValid()
                .orElseThrow();
        return PermissionRequest.of(manifest, LOADER.load(layout).config(), layout.env());
    }

    /** Returns the network grant a {@code baseUrl} written as a TOML literal string resolves to. */
    private List<String> hosts(String baseUrl) {
        PermissionRequest request = request("baseUrl = '" + baseUrl + "'");
        assertThat(request.failure()).as(baseUrl).isNull();
        return request.permissions().network();
    }

    private String refusal(String baseUrl) {
        PermissionRequest request = request("baseUrl = '" + baseUrl + "'");
        assertThat(request.permissions()).as(baseUrl).isNull();
        return request.failure();
    }

    @Test
    void theManifestDefaultsGiveItsHostAndVariableAndTheRestStaysAsWritten() {
        PermissionRequest request = request("");

        assertThat(request.diagnostics()).isEmpty();
        assertThat(request.permissions())
                .isEqualTo(new Permissions(
                        List.of("api.openai.com", "status.openai.com"),
                        List.of(new Permissions.FileGrant("~/.cache/openai", Permissions.Access.READ)),
                        List.of("OPENAI_API_KEY"),
                        false));
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.example.com/v1, api.example.com",
        "http://127.0.0.1:11434/v1, 127.0.0.1:11434",
        "https://api.example.com:443/v1, api.example.com",
        "http://api.example.com:80, api.example.com",
        "http://api.example.com:443/, api.example.com:443",
        "HTTPS://API.Example.COM./v1?x=1#top, api.example.com",
        "http://[::1]:11434/v1, '[::1]:11434'",
        "https://[2001:DB8::1]/v1, '[2001:db8::1]'",
        "api.example.com, api.example.com",
        "localhost:11434, localhost:11434",
        "'[2001:db8::1]:8443', '[2001:db8::1]:8443'",
        "http://good.example#@evil.example, good.example",
        "http://good.example/?u=@evil.example, good.example"
    })
    void aUrlGivesItsHostWithThePortWhenItIsNotTheDefault(String baseUrl, String grant) {
        assertThat(hosts(baseUrl)).containsExactly(grant, "status.openai.com");
    }

    @Test
    void aHostFromTheEnvironmentAndAHostAlreadyAskedForAreTakenOnce() {
        assertThat(request("baseUrl = \"${LOCAL_URL}\"").permissions().network())
                .containsExactly("localhost:8080", "status.openai.com");
        assertThat(hosts("https://status.openai.com/v1")).containsExactly("status.openai.com");
    }

    @Test
    void anEmptyVariableNameAsksForNoVariable() {
        assertThat(request("apiKeyEnv = \"\"").permissions().env()).isEmpty();
        assertThat(request("apiKeyEnv = \"MY_PROVIDER_KEY\"").permissions().env())
                .containsExactly("MY_PROVIDER_KEY");
    }

    @Test
    void aValueThatIsNotExactlyOneHostIsRefusedAndSaysWhy() {
        String wildcard = "it holds '*', and a host taken from settings is never a wildcard";
        String userInfo = "the URL carries user information before '@', which can hide the real host";
        String numeric = "is a numeric host that is not a dotted-quad IPv4 address (a.b.c.d)";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("*", wildcard);
        refused.put("*.com", wildcard);
        refused.put("https://*.example.com/v1", wildcard);
        refused.put("0.0.0.0", "'0.0.0.0' is the unspecified address, which stands for any host");
        refused.put("http://0.0.0.0:8080/v1", "'0.0.0.0' is the unspecified address, which stands for any host");
        refused.put("http://[::]:8080/v1", "'[::]' is the unspecified address, which stands for any host");
        refused.put("[::ffff:0.0.0.0]", "'[::ffff:0.0.0.0]' is the unspecified address, which stands for any host");
        refused.put("http://user@evil.com@good.com/", userInfo);
        refused.put("https://evil.com\\@good.com/", userInfo);
        refused.put("2130706433", "'2130706433' " + numeric);
        refused.put("http://0x7f000001/", "'0x7f000001' " + numeric);
        refused.put("ftp://x", "only http and https URLs are allowed, not 'ftp:'");
        refused.put("http://", "it names no host");
        refused.put("http:///v1", "it names no host");
        refused.put(
                "api.example.com/v1", "it is neither a URL starting with http:// or https:// nor a plain host[:port]");
        refused.put("http://api.example.com:99999/", "port 99999 is not a valid port (1 to 65535)");
        refused.put("http://api.example.com:/v1", "'' after ':' is not a port number");
        refused.put("http://2001:db8::1/", "an IPv6 address is written in brackets, e.g. [2001:db8::1]:8080");
        refused.put("http://under_score.example/", "'under_score.example' is not a valid host name");
        refused.put("javascript:alert(1)", "'alert(1)' after ':' is not a port number");
        refused.put("api example.com", "it holds spaces or control characters");
        refused.put("", "it is empty");

        refused.forEach(
                (baseUrl, why) -> assertThat(refusal(baseUrl)).as(baseUrl).endsWith(": " + why + EXPECTED_HOST));
    }

    @Test
    void theRefusalNamesTheSettingItsValueTheFileAndTheFormsExpected() {
        PermissionRequest request = request("baseUrl = \"ftp://files.example.com/v1\"");

        assertThat(request.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.code()).isEqualTo("permissions.placeholder");
            assertThat(d.pluginId()).isEqualTo("openai");
            assertThat(d.path()).isEqualTo(layout.homeConfig());
            assertThat(d.message())
                    .isEqualTo("setting 'baseUrl' of 'openai' is 'ftp://files.example.com/v1' (set in "
                            + layout.homeConfig() + "), which permissions.network cannot take a host from: only http"
                            + " and https URLs are allowed, not 'ftp:'" + EXPECTED_HOST);
            assertThat(d.hint())
                    .isEqualTo("set baseUrl in [plugins.entries.openai.config] of " + layout.homeConfig()
                            + " to such a value; the plugin's permissions are taken from it");
        });
    }

    @Test
    void aRefusedUrlDoesNotRepeatItsUserInformation() {
        assertThat(refusal("https://admin:hunter2@api.example.com/v1"))
                .contains("is 'https://…@api.example.com/v1'")
                .doesNotContain("hunter2");
    }

    @Test
    void aBadVariableNameIsRefusedWithTheFormExpected() {
        PermissionRequest request = request("apiKeyEnv = \"OPENAI-KEY\"");

        assertThat(request.permissions()).isNull();
        assertThat(request.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly("setting 'apiKeyEnv' of 'openai' is 'OPENAI-KEY' (set in " + layout.homeConfig()
                        + "), which permissions.env cannot take an environment variable name from; expected a variable"
                        + " name such as OPENAI_API_KEY (letters, digits and '_', not starting with a digit), or an"
                        + " empty value to ask for none");
    }

    @Test
    void invalidSettingsAreTheReasonWhenNoCatalogWorkedThemOut() {
        PermissionRequest request = request("baseUrl = \"${NOT_SET}\"");

        assertThat(request.permissions()).isNull();
        assertThat(request.failure()).contains("refers to ${NOT_SET}, which is not set in the environment");
    }

    @Test
    void aManifestWithoutPlaceholdersIsTakenAsWritten() {
        Fixtures.plugin(
                Fixtures.homePlugins(layout),
                "plain",
                "1.0.0",
                "\"permissions\": {\"network\": [\"*.example.com\"], \"env\": [\"TOKEN\"]}");
        PluginManifest plain = READER.read(Fixtures.homePlugins(layout).resolve("plain/pincer-plugin.json"))
                .manifestIfValid()
                .orElseThrow();

        PermissionRequest request =
                PermissionRequest.of(plain, LOADER.load(layout).config(), layout.env());

        assertThat(request.permissions()).isSameAs(plain.permissions());
    }
}
