package dev.pincer.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyRuleTest {

    private static PolicyCheck check(String tool, BigDecimal cost) {
        return new PolicyCheck("files", tool, true, cost, Map.of("path", "/tmp/x"), "cli");
    }

    @Test
    void namedRuleChecksCallsWithItsFunction() {
        PolicyRule rule = PolicyRule.of(
                "no-deletes",
                call -> call.toolName().startsWith("delete_")
                        ? PolicyVerdict.deny("deleting is off")
                        : PolicyVerdict.abstain());

        assertThat(rule.name()).isEqualTo("no-deletes");
        assertThat(rule.check(check("delete_file", null))).isEqualTo(new PolicyVerdict.Deny("deleting is off"));
        assertThat(rule.check(check("read_file", null))).isEqualTo(PolicyVerdict.abstain());
        assertThat(rule.toString()).isEqualTo("PolicyRule[no-deletes]");
    }

    @Test
    void verdictsCanOnlyTightenAndNeedAReason() {
        assertThat(PolicyVerdict.requireApproval("costly")).isEqualTo(new PolicyVerdict.RequireApproval("costly"));
        assertThat(PolicyVerdict.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(
                        PolicyVerdict.Abstain.class, PolicyVerdict.RequireApproval.class, PolicyVerdict.Deny.class);
        assertThatThrownBy(() -> PolicyVerdict.deny(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a deny verdict needs a reason, but it was blank");
        assertThatThrownBy(() -> PolicyVerdict.requireApproval(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a requireApproval verdict needs a reason, but it was blank");
        assertThatThrownBy(() -> PolicyVerdict.deny(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ruleNeedsANonBlankName() {
        assertThatThrownBy(() -> PolicyRule.of("  ", call -> PolicyVerdict.abstain()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a policy rule needs a name, but it was blank");
    }

    @Test
    void checkRefusesNegativeCostAndReadOnlyArguments() {
        assertThatThrownBy(() -> check("translate", new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost of a call to \"translate\" must not be negative, but was -1");
        Map<String, Object> arguments = new HashMap<>(Map.of("a", 1));
        PolicyCheck check = new PolicyCheck("p", "t", false, null, arguments, "mcp");
        assertThatThrownBy(() -> check.arguments().put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    }
}
