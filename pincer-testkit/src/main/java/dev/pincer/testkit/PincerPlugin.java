package dev.pincer.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against real plugin folders: each test method may take a
 * {@link PluginHarness} parameter, started before the test from {@link #value()} (paths relative to
 * the working directory, e.g. {@code "target/plugin"}) and closed after it.
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
}
