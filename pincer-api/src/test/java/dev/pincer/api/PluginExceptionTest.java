package dev.pincer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PluginExceptionTest {

    @Test
    void carriesCodeMessageAndCause() {
        IOException cause = new IOException("connection reset");

        PluginException e = new PluginException("quota_exceeded", "Daily quota used up; try again tomorrow.", cause);

        assertThat(e.code()).isEqualTo("quota_exceeded");
        assertThat(e).hasMessage("Daily quota used up; try again tomorrow.").hasCause(cause);
    }

    @Test
    void rejectsMalformedCodeQuotingIt() {
        assertThatThrownBy(() -> new PluginException("Quota Exceeded", "Try tomorrow."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Quota Exceeded\"");
    }
}
