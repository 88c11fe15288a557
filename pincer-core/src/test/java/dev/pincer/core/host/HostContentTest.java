package dev.pincer.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.api.resource.ResourceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostContentTest {

    @Test
    void aTemplateFillsEachVariableFromOneSegment() {
        ResourceSpec template = new ResourceSpec("test://template/{id}/data", "t", null, null);

        assertThat(HostContent.match(template, "test://template/123/data")).isEqualTo(Map.of("id", "123"));
        assertThat(HostContent.match(template, "test://template/1/2/data")).isNull();
        assertThat(HostContent.match(template, "test://template//data")).isNull();
        assertThat(HostContent.match(template, "test://template/123/data/more")).isNull();
    }

    @Test
    void literalPartsOfATemplateAreMatchedLiterallyNotAsPatterns() {
        ResourceSpec template = new ResourceSpec("q://a.b/{x}?y=1", "t", null, null);

        assertThat(HostContent.match(template, "q://a.b/7?y=1")).isEqualTo(Map.of("x", "7"));
        assertThat(HostContent.match(template, "q://aXb/7?y=1")).isNull();
    }

    @Test
    void aPlainUriIsNoTemplate() {
        assertThat(HostContent.match(new ResourceSpec("q://a", "t", null, null), "q://a"))
                .isNull();
    }
}
