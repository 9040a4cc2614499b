package dev.foldwork.pipelines.trace.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorContext;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reactor {@code trace_index}: copies each persisted summary into the {@link TraceIndex}, once per
 * stored batch. Runs after persist in every dispatch mode, at least once; the index keeps the highest rank, so
 * repeated or late reactions change nothing.
 */
public final class TraceIndexReactor implements Reactor<TraceSummary> {
    public static final String NAME = "trace_index";

    /** The row made of a stored summary: one store owes a reaction per applied event, all with the same state node. */
    private record Made(String traceId, JsonNode summary, long rank, TraceIndexRow row) {}

    private final TraceIndex index;
    private final AtomicReference<Made> last = new AtomicReference<>();

    public TraceIndexReactor(TraceIndex index) {
        this.index = index;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void react(Event event, ReactorContext<TraceSummary> context) {
        index.upsert(context.tenantId(), row(context.aggregateId(), context.stateJson(), context.stateRank()));
    }

    /** One upsert into the index per summary: short, and it runs for every stored batch of spans. */
    @Override
    public boolean inline() {
        return true;
    }

    /** The index holds the summary, not the spans: the state after a batch is all it needs. */
    @Override
    public boolean oncePerBatch() {
        return true;
    }

    /** The summary's row, made again only when the summary is another node than the last one's. */
    private TraceIndexRow row(String traceId, JsonNode summary, long rank) {
        Made made = last.get();
        if (made != null && made.summary() == summary && made.rank() == rank && made.traceId().equals(traceId)) {
            return made.row();
        }
        TraceIndexRow row = TraceIndexRow.of(traceId, summary, rank);
        last.set(new Made(traceId, summary, rank, row));
        return row;
    }
}
