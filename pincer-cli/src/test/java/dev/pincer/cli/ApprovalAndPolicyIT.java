package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the example JVM plugin through approval, policy and audit from the command line: a copy
 * whose manifest asks for permissions waits for a person, approval and upgrade diffs work, a
 * destructive tool is held by policy until confirmed, and everything lands in the audit log.
 */
class ApprovalAndPolicyIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("pincer.example.plugin"));

    @TempDir
    Path dir;

    private TestHost host;
    private Path plugin;

    @BeforeEach
    void setUp() {
        host = new TestHost(dir);
        plugin = copy(EXAMPLE, host.homePlugins().resolve("hello"));
    }

    @Test
    void aDestructiveToolIsHeldByPolicyUntilAPersonConfirmsTheCall() {
        TestHost.Run held = host.run("tools", "call", "reset");

        assertThat(held.status()).isEqualTo(1);
        assertThat(held.err())
                .contains("error: the call needs a person's approval: tool 'reset' of plugin 'hello' is marked"
                        + " destructive")
                .contains("hint: if you approve this call, run the same command with --confirm");

        TestHost.Run confirmed = host.run("tools", "call", "reset", "--confirm");
        assertThat(confirmed.status()).as(confirmed.toString()).isZero();
        assertThat(confirmed.out()).isEqualTo("Forgot 0 greetings.\n");

        JsonNode audit = host.json("audit", "--plugin", "hello", "--kind", "tool", "--json");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("decision").asString()).isEqualTo("requires-approval");
        assertThat(audit.get(0).get("reason").asString()).contains("marked destructive");
        assertThat(audit.get(1).get("decision").asString()).isEqualTo("allowed");
        assertThat(audit.get(1).get("outcome").asString()).isEqualTo("completed");
        assertThat(audit.get(1).get("actor").asString()).startsWith("cli:");
        assertThat(audit.get(1).get("digest").asString()).hasSize(64);
    }

    @Test
    void policyCanDenyDestructiveToolsOutrightAndConfirmingDoesNotHelp() {
        TestHost.write(host.homeConfig(), "[policy]\ndestructive = \"deny\"\n");

        TestHost.Run denied = host.run("tools", "call", "reset", "--confirm");

        assertThat(denied.status()).isEqualTo(1);
        assertThat(denied.err()).contains("error: policy denied the call:").contains("destructive");
        assertThat(host.json("audit", "--kind", "tool", "--json")
                        .get(0)
                        .get("decision")
                        .asString())
                .isEqualTo("denied");
    }

    @Test
    void aCallDeclaringACostOverTheLimitIsHeldWithTheFiguresInTheReason() {
        editManifest(m -> m.replace("\"name\": \"greet\",", "\"name\": \"greet\",\n        \"cost\": 0.8,"));
        TestHost.write(host.homeConfig(), "[policy]\nmax_call_cost = 0.5\n");

        TestHost.Run held = host.run("tools", "call", "greet", "--args", "{\"name\": \"Ada\"}");

        assertThat(held.status()).isEqualTo(1);
        assertThat(held.err()).contains("0.8").contains("0.5").contains("max_call_cost");
    }

    @Test
    void aPluginThatAsksForPermissionsWaitsForApprovalAndSaysWhy() {
        askFor("\"network\": [\"api.example.com\"], \"env\": [\"HELLO_TOKEN\"]");

        TestHost.Run list = host.run("plugins", "list");
        assertThat(list.out())
                .contains("awaiting-approval")
                .contains("asks for network: api.example.com; env: HELLO_TOKEN; run `pincer plugins approve hello`");
        TestHost.Run call = host.run("tools", "call", "greet", "--args", "{\"name\": \"Ada\"}");
        assertThat(call.status()).isEqualTo(1);
        assertThat(call.err())
                .contains("tool 'greet' belongs to plugin 'hello', which is awaiting-approval: asks for network:"
                        + " api.example.com");
        assertThat(host.run("plugins", "inspect", "hello").out())
                .contains("permissions asked for:")
                .contains("network: api.example.com")
                .contains("approval: awaiting");
    }

    @Test
    void approvalAsksThePersonAndADeclineChangesNothing() {
        askFor("\"env\": [\"HELLO_TOKEN\"]");

        TestHost.Run declined = host.runWithInput("n\n", "plugins", "approve", "hello");
        assertThat(declined.status()).isEqualTo(1);
        assertThat(declined.out())
                .contains("Plugin 'hello' 0.1.0")
                .contains("asks for:\n  env: HELLO_TOKEN")
                .contains("It runs inside Pincer's own JVM")
                .contains("Approve these permissions for 'hello' 0.1.0? [y/N]")
                .contains("Not approved; nothing changed.");
        TestHost.Run silent = host.runWithInput("", "plugins", "approve", "hello");
        assertThat(silent.status()).isEqualTo(1);
        assertThat(silent.err()).contains("no answer could be read").contains("--yes");
        assertThat(host.json("plugins", "list", "--json").get(0).get("state").asString())
                .isEqualTo("awaiting-approval");

        TestHost.Run approved = host.runWithInput("y\n", "plugins", "approve", "hello");
        assertThat(approved.status()).as(approved.toString()).isZero();
        assertThat(approved.out()).contains("Approved: 'hello' 0.1.0").contains("'hello' is now resolved");
        TestHost.Run call = host.run("tools", "call", "greet", "--args", "{\"name\": \"Ada\"}");
        assertThat(call.out()).isEqualTo("Hello, Ada!\n");
    }

    @Test
    void anUpgradeThatAsksForMoreAsksOnlyForTheDifferenceAndKeepsTheOldGrantMeanwhile() {
        askFor("\"env\": [\"HELLO_TOKEN\"]");
        assertThat(host.run("plugins", "approve", "hello", "--yes").status()).isZero();
        editManifest(m -> m.replace("\"version\": \"0.1.0\"", "\"version\": \"0.2.0\"")
                .replace("\"env\": [\"HELLO_TOKEN\"]", "\"env\": [\"HELLO_TOKEN\"], \"shell\": true"));

        TestHost.Run list = host.run("plugins", "list", "--json");
        assertThat(list.json().get(0).get("state").asString()).isEqualTo("resolved");
        JsonNode inspect = host.json("plugins", "inspect", "hello", "--json").get("approval");
        assertThat(inspect.get("status").asString()).isEqualTo("partial");
        assertThat(inspect.get("approvedVersion").asString()).isEqualTo("0.1.0");
        assertThat(inspect.get("granted").get("env").get(0).asString()).isEqualTo("HELLO_TOKEN");
        assertThat(inspect.get("granted").get("shell").asBoolean()).isFalse();
        assertThat(inspect.get("pending").get("shell").asBoolean()).isTrue();

        TestHost.Run approve = host.runWithInput("y\n", "plugins", "approve", "hello");
        assertThat(approve.out())
                .contains("Version 0.1.0 was approved for:\n  env: HELLO_TOKEN")
                .contains("New in 0.2.0 (only this needs your approval):\n  + shell: may run programs");
        assertThat(host.json("plugins", "inspect", "hello", "--json")
                        .get("approval")
                        .get("status")
                        .asString())
                .isEqualTo("approved");

        TestHost.Run revoke = host.run("plugins", "revoke", "hello");
        assertThat(revoke.out()).contains("Revoked 2 approvals of 'hello'.").contains("is now awaiting-approval");
        JsonNode approvals = host.json("audit", "--kind", "approval", "--json");
        assertThat(approvals).hasSize(3);
        assertThat(approvals.get(0).get("actor").asString()).endsWith("(--yes)");
        assertThat(approvals.get(2).get("action").asString()).isEqualTo("revoke");
    }

    @Test
    void auditRefusesBadFiltersWithAUsageError() {
        TestHost.Run bad = host.run("audit", "--since", "yesterday");

        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--since takes an age (30m, 12h, 7d)");
        assertThat(host.run("audit").out()).isEqualTo("No audit records.\n");
    }

    private void askFor(String permissions) {
        editManifest(m -> m.replace("\"resources\":", "\"permissions\": {" + permissions + "},\n  \"resources\":"));
    }

    private void editManifest(java.util.function.UnaryOperator<String> edit) {
        Path manifest = plugin.resolve("pincer-plugin.json");
        String before = TestHost.read(manifest);
        String after = edit.apply(before);
        assertThat(after).as("the edit applies").isNotEqualTo(before);
        TestHost.write(manifest, after);
    }

    private static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
