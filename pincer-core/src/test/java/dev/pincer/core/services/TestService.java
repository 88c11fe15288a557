package dev.pincer.core.services;

import dev.pincer.api.Service;
import java.util.concurrent.atomic.AtomicInteger;

/** A service whose start and stop do what the test says and count how often they were called. */
final class TestService implements Service {

    /** What a start or stop does; may block or throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final String name;
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private volatile Action onStart = () -> {};
    private volatile Action onStop = () -> {};

    private TestService(String name) {
        this.name = name;
    }

    static TestService named(String name) {
        return new TestService(name);
    }

    TestService onStart(Action action) {
        this.onStart = action;
        return this;
    }

    TestService onStop(Action action) {
        this.onStop = action;
        return this;
    }

    int starts() {
        return starts.get();
    }

    int stops() {
        return stops.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() throws Exception {
        starts.incrementAndGet();
        onStart.run();
    }

    @Override
    public void stop() throws Exception {
        stops.incrementAndGet();
        onStop.run();
    }
}
