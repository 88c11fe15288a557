package dev.pincer.core.guards;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.client.Request;

/**
 * The body of a streamed Jetty exchange as the plugin reads it: a silence longer than the idle
 * limit reads as {@link java.net.http.HttpTimeoutException} naming the host, and closing the body
 * before its end aborts the exchange, so the connection is not left waiting for bytes nobody reads.
 *
 * <p>Read by one thread; {@link #close()} may come from another to abort a waiting read.
 */
final class StreamedBody extends FilterInputStream {

    private final Request request;
    private final String where;
    private final long idleMillis;
    private volatile boolean ended;

    StreamedBody(InputStream in, Request request, String where, long idleMillis) {
        super(in);
        this.request = request;
        this.where = where;
        this.idleMillis = idleMillis;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            ended |= b == -1;
            return b;
        } catch (IOException e) {
            throw translated(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            ended |= n == -1;
            return n;
        } catch (IOException e) {
            throw translated(e);
        }
    }

    private IOException translated(IOException e) {
        if (JettyTransport.isTimeout(e)) {
            return JettyTransport.timedOut(
                    "no data from " + where + " for " + idleMillis + " ms; Pincer stopped waiting for the rest of"
                            + " the reply (the request's timeout is the longest silence a stream may have)",
                    e);
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            request.abort(new IOException("the plugin closed the reply from " + where + " before its end"));
        }
        super.close();
    }
}
