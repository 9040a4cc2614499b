package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Reactor {@code update_broadcast}: tells live viewers that a trace changed. Updates of one
 * trace within {@code throttle} coalesce into one, carrying the latest summary.
 */
public final class UpdateBroadcastReactor implements Reactor<TraceSummary> {
    public static final String NAME = "update_broadcast";

    private final TraceUpdateSink sink;
    private final Duration throttle;

    public UpdateBroadcastReactor(TraceUpdateSink sink, Duration throttle) {
        this.sink = sink;
        this.throttle = throttle;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void react(Event event, ReactorContext<TraceSummary> context) {
        TraceSummary summary = context.state();
        sink.publish(new TraceUpdate(context.tenantId(), context.aggregateId(), summary.spanCount(),
                summary.status(), summary.totalCost()));
    }

    @Override
    public Optional<String> jobId(Event event, TraceSummary state) {
        return Optional.of(event.aggregateId());
    }

    @Override
    public Duration delay() {
        return throttle;
    }

    /** Publishing to the in-process sink takes microseconds. */
    @Override
    public boolean inline() {
        return true;
    }
}
