package dev.pincer.plugins.openai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the data of Server-Sent Events (text/event-stream) from a stream as they arrive: the
 * {@code data:} lines of one event, joined by line breaks, are handed over when the blank line that
 * ends it arrives. Comments ({@code :} lines) and other fields ({@code event:}, {@code id:}, {@code
 * retry:}) are skipped; an event that the stream's end cuts off is still handed over, since some
 * servers omit the final blank line.
 *
 * <p>Not thread-safe: one instance reads one stream.
 */
final class ServerSentEvents {

    /** Receives the data of each event; returns whether to keep reading. */
    @FunctionalInterface
    interface Listener {
        boolean onData(String data);
    }

    private ServerSentEvents() {}

    /**
     * Reads {@code in} until its end or until {@code listener} returns {@code false}.
     *
     * @return whether the listener stopped the reading (rather than the stream ending)
     * @throws IOException if reading fails
     */
    static boolean read(InputStream in, Listener listener) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = null;
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null && !listener.onData(data.toString())) {
                    return true;
                }
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        return data != null && !listener.onData(data.toString());
    }
}
