package dev.pincer.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.tool.Content;
import dev.pincer.core.Fixtures;
import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.audit.AuditLog;
import dev.pincer.core.audit.AuditQuery;
import dev.pincer.core.config.HostLayout;
import dev.pincer.core.guards.GuardSettings;
import dev.pincer.core.guards.Guards;
import dev.pincer.core.lifecycle.Catalog;
import dev.pincer.core.lifecycle.PluginCatalog;
import dev.pincer.core.lifecycle.PluginState;
import dev.pincer.core.manifest.SemanticVersion;
import dev.pincer.core.permissions.Approvals;
import dev.pincer.core.runtime.jvm.TestJars;
import dev.pincer.core.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real plugin jars under approvals, guards, policy and the audit log: what a plugin may touch
 * is what a person approved, every use is recorded, and trusted plugins may add policy rules.
 */
class GuardedPluginTest {

    private static final Map<String, String> ENV =
            Map.of("GRANTED", "visible", "SECRET", "s3cr3t-value", "HOME", "/nonexistent");

    @TempDir
    Path dir;

    private HostLayout layout;
    private Store store;
    private AuditLog audit;
    private Approvals approvals;
    private final List<String> problems = new ArrayList<>();
    private PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        layout = Fixtures.layout(dir, ENV);
        Files.createDirectories(layout.home());
        store = Store.open(layout.home().resolve("pincer.db"));
        audit = new AuditLog(store, problems::add);
        approvals = new Approvals(store, Clock.systemUTC());
        HostSecurity security = new HostSecurity(
                audit,
                audit::spentSince,
                Guards.create(GuardSettings.defaults(), audit, ENV),
                dir.resolve("user"),
                layout.workspace());
        host = new PluginHost(HostSettings.defaults(dir.resolve("data")), Clock.systemUTC(), security);
        Files.createDirectories(layout.workspace().resolve("shared"));
        Files.writeString(layout.workspace().resolve("shared/note.txt"), "inside");
        Files.writeString(layout.workspace().resolve("outside.txt"), "outside");
    }

    @AfterEach
    void tearDown() {
        host.close();
        audit.close();
        store.close();
    }

    private static final String PEEK = "public void activate(PluginContext c) {"
            + " c.registerTool(ToolSpec.of(\"peek\", \"peek\"), call -> {"
            + "  StringBuilder out = new StringBuilder();"
            + "  Object env = call.arguments().get(\"env\");"
            + "  if (env != null) out.append(env).append('=').append(c.env().get((String) env).orElse(\"<unset>\"));"
            + "  Object file = call.arguments().get(\"file\");"
            + "  if (file != null) { try { out.append(new String(c.files().read((String) file),"
            + "   java.nio.charset.StandardCharsets.UTF_8)); } catch (java.io.IOException e) {"
            + "   throw new java.io.UncheckedIOException(e); } }"
            + "  return ToolResult.text(out.toString()); }); }";

    private void plugin(String id, String manifestExtra, String className, String body) {
        Path folder = Fixtures.plugin(
                Fixtures.homePlugins(layout),
                id,
                "{\"id\":\"" + id + "\",\"version\":\"1.0.0\",\"runtime\":{\"type\":\"jvm\",\"main\":\"" + className
                        + "\"}" + manifestExtra + "}");
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1);
        TestJars.jar()
                .source(
                        className,
                        "package " + pkg + ";\nimport dev.pincer.api.*; import dev.pincer.api.tool.*;"
                                + " import dev.pincer.api.policy.*; import java.util.*;\npublic class " + simple
                                + " implements Plugin {\n" + body + "\n}\n")
                .writeTo(folder.resolve("lib").resolve(id + ".jar"));
    }

    private void peekPlugin() {
        plugin(
                "peek",
                ",\"provides\":{\"tools\":[{\"name\":\"peek\"}]},\"permissions\":{\"env\":[\"GRANTED\"],"
                        + "\"filesystem\":[{\"path\":\"shared\",\"mode\":\"read\"}]}",
                "com.acme.Peek",
                PEEK);
    }

    private Catalog start() {
        Catalog catalog = PluginCatalog.create(SemanticVersion.of("0.1.0")).scan(layout, approvals);
        host.start(catalog);
        return catalog;
    }

    private static String text(Invocation invocation) {
        return ((Content.Text) invocation.result().content().get(0)).text();
    }

    private List<AuditEvent> audited(AuditEvent.Kind kind) {
        return audit.query(new AuditQuery(null, null, kind, 100));
    }

    @Test
    void anUnapprovedPluginStaysInactiveAndACallSaysWhy() {
        peekPlugin();
        Catalog catalog = start();

        assertThat(catalog.find("peek").orElseThrow().state()).isEqualTo(PluginState.AWAITING_APPROVAL);
        assertThat(host.states()).doesNotContainEntry("peek", PluginState.ACTIVE);
        Invocation call = host.tools().invoke("peek", Map.of("env", "GRANTED"), null);
        assertThat(call.status()).isEqualTo(Invocation.Status.UNKNOWN_TOOL);
        assertThat(call.message())
                .isEqualTo("tool 'peek' belongs to plugin 'peek', which is awaiting-approval: asks for"
                        + " files: shared (read); env: GRANTED; run `pincer plugins approve peek` to review and"
                        + " approve");
    }

    @Test
    void aDeniedVariableReadsExactlyLikeAnUnsetOneAndNoValueReachesTheAuditLog() {
        peekPlugin();
        approvals.approve("peek", "1.0.0", manifestPermissions(), "ada");
        start();

        assertThat(text(host.tools().invoke("peek", Map.of("env", "GRANTED"), null)))
                .isEqualTo("GRANTED=visible");
        assertThat(text(host.tools().invoke("peek", Map.of("env", "SECRET"), null)))
                .isEqualTo("SECRET=<unset>");
        assertThat(text(host.tools().invoke("peek", Map.of("env", "NOT_SET_ANYWHERE"), null)))
                .isEqualTo("NOT_SET_ANYWHERE=<unset>");

        List<AuditEvent> env = audited(AuditEvent.Kind.ENV);
        assertThat(env).extracting(AuditEvent::target).containsExactly("GRANTED", "SECRET", "NOT_SET_ANYWHERE");
        assertThat(env)
                .extracting(AuditEvent::decision)
                .containsExactly(AuditEvent.Decision.ALLOWED, AuditEvent.Decision.DENIED, AuditEvent.Decision.DENIED);
        assertThat(audit.query(AuditQuery.latest(1000)).toString())
                .doesNotContain("visible")
                .doesNotContain("s3cr3t");
        assertThat(audited(AuditEvent.Kind.TOOL))
                .extracting(AuditEvent::outcome)
                .containsOnly("completed");
    }

    @Test
    void filesOutsideTheGrantAreRefusedAndTheRefusalIsAudited() {
        peekPlugin();
        approvals.approve("peek", "1.0.0", manifestPermissions(), "ada");
        start();

        assertThat(text(host.tools().invoke("peek", Map.of("file", "note.txt"), null)))
                .isEqualTo("inside");
        Invocation escape = host.tools().invoke("peek", Map.of("file", "../outside.txt"), null);

        assertThat(escape.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(escape.message()).contains("peek").doesNotContain("outside\n");
        assertThat(audited(AuditEvent.Kind.FILE))
                .extracting(AuditEvent::decision)
                .containsExactly(AuditEvent.Decision.ALLOWED, AuditEvent.Decision.DENIED);
    }

    @Test
    void revokingTakesThePluginBackToAwaitingApproval() {
        peekPlugin();
        approvals.approve("peek", "1.0.0", manifestPermissions(), "ada");
        assertThat(PluginCatalog.create(SemanticVersion.of("0.1.0"))
                        .scan(layout, approvals)
                        .find("peek")
                        .orElseThrow()
                        .state())
                .isEqualTo(PluginState.RESOLVED);

        approvals.revoke("peek", "ada");

        assertThat(PluginCatalog.create(SemanticVersion.of("0.1.0"))
                        .scan(layout, approvals)
                        .find("peek")
                        .orElseThrow()
                        .state())
                .isEqualTo(PluginState.AWAITING_APPROVAL);
        assertThat(audited(AuditEvent.Kind.APPROVAL))
                .extracting(AuditEvent::action)
                .containsExactly("approve", "revoke");
    }

    @Test
    void aTrustedPluginsRuleHoldsCallsBeforeAnyHookAndAnUntrustedOneCannotAddRules() throws Exception {
        Fixtures.file(layout.homeConfig(), "[policy]\ntrusted = [\"gate\"]\n");
        plugin("echo", ",\"provides\":{\"tools\":[{\"name\":\"echo\"}]}", "com.acme.Echo", ECHO);
        String rule = "public void activate(PluginContext c) { c.registerPolicy(PolicyRule.of(\"no-secrets\","
                + " call -> String.valueOf(call.arguments().get(\"text\")).contains(\"secret\")"
                + " ? PolicyVerdict.deny(\"no secrets in echo\") : PolicyVerdict.abstain())); }";
        plugin("gate", "", "com.acme.Gate", rule);
        plugin("rogue", "", "com.acme.Rogue", rule);
        start();

        Invocation denied = host.tools().invoke("echo", Map.of("text", "my secret"), null);
        Invocation allowed = host.tools().invoke("echo", Map.of("text", "hello"), null);

        assertThat(denied.status()).isEqualTo(Invocation.Status.DENIED);
        assertThat(denied.message()).contains("no secrets in echo");
        assertThat(allowed.status()).isEqualTo(Invocation.Status.COMPLETED);
        assertThat(host.states()).containsEntry("gate", PluginState.ACTIVE).containsEntry("rogue", PluginState.FAILED);
        assertThat(host.reports())
                .anySatisfy(d -> assertThat(d.message()).contains("plugin 'rogue' may not add policy rules"));
    }

    private static final String ECHO = "public void activate(PluginContext c) { c.registerTool(ToolSpec.of(\"echo\","
            + " \"echo\"), call -> ToolResult.text(\"echo: \" + call.arguments().get(\"text\"))); }";

    private dev.pincer.core.manifest.Permissions manifestPermissions() {
        return PluginCatalog.create(SemanticVersion.of("0.1.0"))
                .scan(layout)
                .find("peek")
                .orElseThrow()
                .manifest()
                .orElseThrow()
                .permissions();
    }
}
