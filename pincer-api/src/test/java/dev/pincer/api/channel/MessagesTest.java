package dev.pincer.api.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void inboundMessageCopiesMetadata() {
        Map<String, String> metadata = new HashMap<>(Map.of("thread", "t1"));

        InboundMessage message = new InboundMessage("slack", "c1", "u1", "hi", metadata);
        metadata.put("thread", "t2");

        assertThat(message.metadata()).containsExactly(Map.entry("thread", "t1"));
    }

    @Test
    void stageCanReplaceOrDropAMessage() throws Exception {
        Stage redact = new Stage() {
            @Override
            public String name() {
                return "redact";
            }

            @Override
            public Direction direction() {
                return Direction.INBOUND;
            }

            @Override
            public StageResult apply(StageMessage message) {
                if (message.text().isBlank()) {
                    return StageResult.drop("empty message");
                }
                return StageResult.replace(message.withText(message.text().replace("hunter2", "[secret]")));
            }
        };
        StageMessage message = new StageMessage(Stage.Direction.INBOUND, "console", "c1", "u1", "pw hunter2", Map.of());

        assertThat(redact.apply(message)).isEqualTo(StageResult.replace(message.withText("pw [secret]")));
        assertThat(redact.apply(message.withText(" "))).isEqualTo(StageResult.drop("empty message"));
    }
}
