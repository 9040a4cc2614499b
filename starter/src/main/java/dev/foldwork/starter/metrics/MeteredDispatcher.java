package dev.foldwork.starter.metrics;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Times each dispatch from the call until the mode accepted the events (or refused them). */
public final class MeteredDispatcher implements EventDispatcher {
    private final EventDispatcher dispatcher;
    private final Timer accepted;
    private final Timer failed;

    public MeteredDispatcher(EventDispatcher dispatcher, MeterRegistry meters) {
        this.dispatcher = dispatcher;
        this.accepted = timer(meters, "accepted");
        this.failed = timer(meters, "failed");
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder("foldwork.dispatch.latency").description("from dispatch until the mode accepted the events")
                .tag("outcome", outcome).register(meters);
    }

    @Override
    public CompletableFuture<Void> dispatch(List<Event> events) {
        long start = System.nanoTime();
        return dispatcher.dispatch(events).whenComplete((ok, error) ->
                (error == null ? accepted : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
