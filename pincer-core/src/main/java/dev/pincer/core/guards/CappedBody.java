package dev.pincer.core.guards;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Limits the bytes a plugin may read from one streamed reply, all reads together: the read that
 * would pass the limit throws an {@link IOException} naming the host and the limit, and the
 * exchange is closed, so nothing more is received.
 *
 * <p>Read by one thread, like the stream it wraps.
 */
final class CappedBody extends FilterInputStream {

    private final long max;
    private final String where;
    private long total;
    private boolean cut;

    CappedBody(InputStream in, long max, String where) {
        super(in);
        this.max = max;
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (cut) {
            throw JettyTransport.tooLarge(where, max);
        }
        if (length == 0) {
            return 0;
        }
        // Ask for at most one byte past the limit: enough to know the reply is too large.
        int n = super.read(buffer, offset, (int) Math.min(length, max - total + 1));
        if (n > 0) {
            total += n;
            if (total > max) {
                cut = true;
                super.close();
                throw JettyTransport.tooLarge(where, max);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public int available() throws IOException {
        return cut ? 0 : super.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int limit) {
        // Not supported: a reset would let the count and the bytes read drift apart.
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("a streamed reply cannot be reset; read it once");
    }
}
