package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import java.util.Optional;

/**
 * Reactor {@code update_broadcast}: tells live viewers that a trace changed, once per stored
 * batch of its spans, with the summary as stored; the spans of a burst that are stored together
 * make one update. It runs inline with the persist, so a viewer hears of a span as soon as it is
 * folded and an update costs no timer, no activity task and no workflow task of its own (a 1 s
 * debounce cost the Temporal mode a timer and a workflow task per span of a quiet trace, and told
 * the viewers of a busy trace nothing until it paused).
 */
public final class UpdateBroadcastReactor implements Reactor<TraceSummary> {
    public static final String NAME = "update_broadcast";

    private final TraceUpdateSink sink;

    /** {@code sink} must hand the update on without blocking: it is called in the fold's own step. */
    public UpdateBroadcastReactor(TraceUpdateSink sink) {
        this.sink = sink;
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

    /**
     * Not used once per batch. Fold workflows that started while this reactor was debounced per
     * trace recorded that shape and still debounce it: their replay needs the job id they used.
     */
    @Override
    public Optional<String> jobId(Event event, TraceSummary state) {
        return Optional.of(event.aggregateId());
    }

    /** Viewers need the summary after a batch, not after each span of it. */
    @Override
    public boolean oncePerBatch() {
        return true;
    }

    /** A hand-over to the sink: short, and it runs for every stored batch of spans. */
    @Override
    public boolean inline() {
        return true;
    }
}
