package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.events.EventCodec;
import dev.foldwork.core.projections.TypedMap;
import java.util.Optional;

/** Map {@code span_storage}: one stored span record, in the current schema, per span event. */
public final class SpanStorageMap implements TypedMap<SpanRecorded, TraceEvent> {
    public static final String NAME = "span_storage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventCodec<TraceEvent> events() {
        return TraceEvent.CODEC;
    }

    @Override
    public Optional<SpanRecorded> map(TraceEvent event, Event envelope) {
        return event instanceof SpanRecorded span ? Optional.of(span) : Optional.empty();
    }
}
