package dev.pincer.core;

import dev.pincer.core.manifest.SemanticVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Tells the version of this Pincer build, against which plugins' {@code pincer} ranges are checked.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class PincerVersion {

    private static final String RESOURCE = "/dev/pincer/core/pincer-version.properties";

    private PincerVersion() {}

    /**
     * Returns the version stamped into pincer-core at build time.
     *
     * @throws IllegalStateException if the build left the stamp out
     */
    public static SemanticVersion current() {
        Properties properties = new Properties();
        try (InputStream in = PincerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the pincer-core jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SemanticVersion.of(properties.getProperty("version"));
    }
}
