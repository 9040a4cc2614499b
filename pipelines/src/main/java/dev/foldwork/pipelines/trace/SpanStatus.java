package dev.foldwork.pipelines.trace;

/** A span's outcome, as in OpenTelemetry. */
public enum SpanStatus {
    UNSET, OK, ERROR
}
