package dev.foldwork.pipelines.trace.index;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.pipelines.trace.TraceSummary;

/**
 * Reactor {@code trace_index}: copies each persisted summary into the {@link TraceIndex}. Runs
 * after persist in every dispatch mode, at least once; the index keeps the highest rank, so
 * repeated or late reactions change nothing.
 */
public final class TraceIndexReactor implements Reactor<TraceSummary> {
    public static final String NAME = "trace_index";

    private final TraceIndex index;

    public TraceIndexReactor(TraceIndex index) {
        this.index = index;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void react(Event event, ReactorContext<TraceSummary> context) {
        index.upsert(context.tenantId(), TraceIndexRow.of(context.aggregateId(), context.state(), context.stateRank()));
    }
}
