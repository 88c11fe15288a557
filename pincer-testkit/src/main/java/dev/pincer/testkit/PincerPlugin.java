package dev.pincer.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against real plugin folders: each test method (or {@code @BeforeEach}
 * method) may take a {@link PluginHarness} parameter, started before the test from {@link #value()}
 * (paths relative to the working directory, e.g. {@code "target/plugin"}) and closed after it, and
 * the {@link FakeHttp} and {@link TestClock} that harness uses.
 *
 * <p>Each test gets a new harness, fake network and clock: nothing carries over between tests.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PincerExtension.class)
public @interface PincerPlugin {

    /** Returns the plugin folders to run. */
    String[] value();

    /** Returns extra home config in TOML, e.g. plugin settings; empty by default. */
    String config() default "";

    /**
     * Returns whether what the plugins ask for is approved (the default); {@code false} approves
     * nothing, so every use of a guarded service is denied.
     */
    boolean approve() default true;

    /**
     * Returns the only permission entries approved, each {@code network:<host>}, {@code env:<NAME>},
     * {@code filesystem:<path>} or {@code shell} as in the manifest; empty (the default) leaves it to
     * {@link #approve()}. Not to be combined with {@code approve = false}.
     */
    String[] approveOnly() default {};

    /** Returns environment variables the host sees, each {@code NAME=value}; none by default. */
    String[] env() default {};
}
