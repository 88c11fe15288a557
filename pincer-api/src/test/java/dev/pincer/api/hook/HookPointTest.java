package dev.pincer.api.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class HookPointTest {

    @Test
    void allListsExactlyTheFifteenManifestNamesWithTheirKinds() {
        assertThat(HookPoint.all())
                .extracting(HookPoint::name, HookPoint::kind)
                .containsExactly(
                        tuple("gateway_start", HookKind.OBSERVE),
                        tuple("gateway_stop", HookKind.OBSERVE),
                        tuple("plugin_activated", HookKind.OBSERVE),
                        tuple("plugin_deactivated", HookKind.OBSERVE),
                        tuple("session_start", HookKind.OBSERVE),
                        tuple("session_end", HookKind.OBSERVE),
                        tuple("message_received", HookKind.OBSERVE),
                        tuple("message_claim", HookKind.CLAIM),
                        tuple("message_sending", HookKind.MODIFY),
                        tuple("message_sent", HookKind.OBSERVE),
                        tuple("before_model_resolve", HookKind.MODIFY),
                        tuple("before_prompt_build", HookKind.MODIFY),
                        tuple("agent_end", HookKind.OBSERVE),
                        tuple("before_tool_call", HookKind.GATE),
                        tuple("after_tool_call", HookKind.OBSERVE));
    }

    @Test
    void byNameFindsEveryPoint() {
        for (HookPoint<?> point : HookPoint.all()) {
            assertThat(HookPoint.byName(point.name())).containsSame(point);
        }
    }

    @Test
    void byNameFindsTheClaimAndPluginLifecyclePoints() {
        assertThat(HookPoint.byName("message_claim")).containsSame(HookPoint.MESSAGE_CLAIM);
        assertThat(HookPoint.byName("plugin_activated")).containsSame(HookPoint.PLUGIN_ACTIVATED);
        assertThat(HookPoint.byName("plugin_deactivated")).containsSame(HookPoint.PLUGIN_DEACTIVATED);
    }

    @Test
    void byNameReturnsEmptyForUnknownOrDifferentlySpelledName() {
        assertThat(HookPoint.byName("before_tool_use")).isEmpty();
        assertThat(HookPoint.byName("BEFORE_TOOL_CALL")).isEmpty();
    }

    @Test
    void constantsCarryTheirEventTypes() {
        assertThat(HookPoint.BEFORE_TOOL_CALL.eventType()).isEqualTo(ToolCallEvent.class);
        assertThat(HookPoint.AFTER_TOOL_CALL.eventType()).isEqualTo(ToolResultEvent.class);
        assertThat(HookPoint.MESSAGE_SENDING.eventType()).isEqualTo(MessageEvent.class);
        assertThat(HookPoint.BEFORE_MODEL_RESOLVE.eventType()).isEqualTo(ModelResolveEvent.class);
        assertThat(HookPoint.MESSAGE_CLAIM.eventType()).isEqualTo(MessageEvent.class);
        assertThat(HookPoint.PLUGIN_ACTIVATED.eventType()).isEqualTo(PluginEvent.class);
        assertThat(HookPoint.PLUGIN_DEACTIVATED.eventType()).isEqualTo(PluginEvent.class);
    }
}
