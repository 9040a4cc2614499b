package dev.foldwork.pipelines.trace;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.MapProjection;
import java.util.Optional;

/** Map {@code span_storage}: one stored span record, in the current schema, per span event. */
public final class SpanStorageMap implements MapProjection<SpanRecorded> {
    public static final String NAME = "span_storage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<SpanRecorded> map(Event event) {
        return SpanRecorded.is(event) ? Optional.of(SpanRecorded.read(event)) : Optional.empty();
    }
}
