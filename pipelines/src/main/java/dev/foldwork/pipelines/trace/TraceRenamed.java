package dev.foldwork.pipelines.trace;

/** Event {@value #TYPE}, version {@value #VERSION}: a person named the trace; the name sticks over the computed one. */
public record TraceRenamed(String traceId, String name) implements TraceEvent {
    public static final String TYPE = "TraceRenamed";
    public static final int VERSION = 1;
}
