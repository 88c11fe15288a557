package dev.pincer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.manifest.Provides;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityKindTest {

    @Test
    void labelsAreTheManifestsProvidesKeysInTheSameOrder() {
        Provides everything = new Provides(
                List.of(new Provides.Tool("t", null, null, false, null)),
                List.of(new Provides.Command("c", null, null)),
                List.of("h"),
                List.of("s"),
                List.of("svc"),
                List.of("ch"),
                List.of(new Provides.Stage("st", Provides.Direction.INBOUND)),
                List.of("p"),
                List.of("m"),
                List.of("test://r"),
                List.of("pr"));

        assertThat(Arrays.stream(CapabilityKind.values()).map(CapabilityKind::label))
                .containsExactlyElementsOf(everything.kinds());
    }

    @Test
    void onlyHooksAndServicesAreSharedByName() {
        assertThat(Arrays.stream(CapabilityKind.values()).filter(k -> !k.ownedByOne()))
                .containsExactly(CapabilityKind.HOOK, CapabilityKind.SERVICE);
    }
}
