package dev.pincer.core.guards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A transport that sends nothing: it records each pinned request and answers from a function. */
final class RecordingTransport implements HttpTransport {

    private final List<PinnedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<PinnedRequest, Reply> answer = r -> ok("fine");
    private volatile boolean closed;

    RecordingTransport answering(Function<PinnedRequest, Reply> answer) {
        this.answer = answer;
        return this;
    }

    @Override
    public Reply exchange(PinnedRequest request) throws IOException {
        requests.add(request);
        return answer.apply(request);
    }

    @Override
    public void close() {
        closed = true;
    }

    List<PinnedRequest> requests() {
        return List.copyOf(requests);
    }

    boolean closed() {
        return closed;
    }

    static Reply ok(String body) {
        return new Reply(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply redirect(int status, String location) {
        return new Reply(status, Map.of("location", List.of(location)), new byte[0]);
    }
}
