package dev.foldwork.pipelines.trace;

import dev.foldwork.core.events.EventCodec;

/** The events of a trace: its spans as SDKs reported them, and a person's rename. */
public sealed interface TraceEvent permits SpanRecorded, TraceRenamed {
    /** Reads and writes the trace's events; spans of versions 1 and 2 are upcast to the current one. */
    EventCodec<TraceEvent> CODEC = EventCodec.of(TraceEvent.class)
            .event(SpanRecorded.TYPE, SpanRecorded.VERSION, SpanRecorded.class)
            .upcaster(SpanRecorded.TYPE, 1, SpanRecorded::upcastV1)
            .upcaster(SpanRecorded.TYPE, 2, SpanRecorded::upcastV2)
            .event(TraceRenamed.TYPE, TraceRenamed.VERSION, TraceRenamed.class)
            .build();
}
