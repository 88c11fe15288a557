package dev.pincer.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAccessTest {

    @Test
    void openDefaultsToTheWholeReplyReadBySend() throws Exception {
        HttpReply reply = new HttpReply(
                201,
                Map.of("content-type", List.of("text/event-stream")),
                "data: hi\n\n".getBytes(StandardCharsets.UTF_8),
                URI.create("https://api.example.com/after-redirect"));
        HttpAccess http = request -> reply;

        try (HttpStream stream = http.open(HttpRequest.get("https://api.example.com/"))) {
            assertThat(stream.status()).isEqualTo(201);
            assertThat(stream.header("content-type")).isEqualTo("text/event-stream");
            assertThat(stream.header("retry-after")).isNull();
            assertThat(stream.uri()).isEqualTo(URI.create("https://api.example.com/after-redirect"));
            assertThat(new String(stream.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("data: hi\n\n");
        }
    }
}
