package dev.pincer.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<String> read(String stream) throws Exception {
        List<String> data = new ArrayList<>();
        ServerSentEvents.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), d -> {
            data.add(d);
            return true;
        });
        return data;
    }

    @Test
    void handsOverTheDataOfEachEvent() throws Exception {
        assertThat(read("data: {\"a\":1}\n\ndata: [DONE]\n\n")).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void skipsCommentsAndOtherFieldsAndAcceptsEveryLineEnding() throws Exception {
        assertThat(read(": keep-alive\r\n\r\nevent: message\r\nid: 7\r\ndata:x\r\n\r\nretry: 10\rdata: y\r\r"))
                .containsExactly("x", "y");
    }

    @Test
    void joinsTheDataLinesOfOneEvent() throws Exception {
        assertThat(read("data: one\ndata: two\n\n")).containsExactly("one\ntwo");
    }

    @Test
    void handsOverAnEventTheEndOfTheStreamCutOff() throws Exception {
        assertThat(read("data: last")).containsExactly("last");
    }

    @Test
    void stopsWhenTheListenerSaysSo() throws Exception {
        List<String> seen = new ArrayList<>();
        boolean stopped = ServerSentEvents.read(
                new ByteArrayInputStream("data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8)), d -> {
                    seen.add(d);
                    return false;
                });
        assertThat(stopped).isTrue();
        assertThat(seen).containsExactly("a");
    }

    @Test
    void keepsMultiByteCharactersWhole() throws Exception {
        assertThat(read("data: {\"content\":\"grüß dich 👋\"}\n\n")).containsExactly("{\"content\":\"grüß dich 👋\"}");
    }
}
