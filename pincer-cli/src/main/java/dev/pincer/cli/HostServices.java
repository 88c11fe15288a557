package dev.pincer.cli;

import dev.pincer.core.PincerVersion;
import dev.pincer.core.config.ConfigLoader;
import dev.pincer.core.manifest.ManifestReader;
import dev.pincer.core.manifest.SemanticVersion;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Holds the host's expensive, reusable parts: the compiled manifest and config schemas and the
 * host version.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reader reads manifests
 * @param configLoader reads config files
 * @param hostVersion this build's version
 * @since 0.1.0
 */
record HostServices(ManifestReader reader, ConfigLoader configLoader, SemanticVersion hostVersion) {

    /** Returns services built now, on the calling thread. */
    static HostServices create() {
        return new HostServices(ManifestReader.create(), ConfigLoader.create(), PincerVersion.current());
    }

    /**
     * Starts building the services on a background thread and returns their supplier. The CLI
     * parses its arguments meanwhile: on two cores this hides most of the schema compilation.
     */
    static Supplier<HostServices> inBackground() {
        FutureTask<HostServices> task = new FutureTask<>(HostServices::create);
        Thread thread = new Thread(task, "pincer-host-init");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the host", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("cannot start the host", e.getCause());
            }
        };
    }
}
