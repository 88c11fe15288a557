package dev.pincer.core.install;

/**
 * Where fetching and unpacking report how far they got, for a person watching a terminal.
 *
 * <p>Implementations must be safe to call from the fetching thread only; they are never called
 * concurrently.
 *
 * @since 0.1.0
 */
public interface Progress {

    /** A progress that reports nothing. */
    Progress SILENT = new Progress() {
        @Override
        public void step(String message) {}

        @Override
        public void bytes(String label, long done, long total) {}
    };

    /** Reports the start of a step, e.g. {@code "Unpacking hello-1.2.0.zip"}. */
    void step(String message);

    /**
     * Reports bytes done of a transfer or unpacking named {@code label}.
     *
     * @param total the expected total, or {@code -1} when not known
     */
    void bytes(String label, long done, long total);
}
