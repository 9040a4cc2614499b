package dev.foldwork.pipelines.trace;

/** What a span stands for, as in OpenTelemetry, plus the LLM call this product is about. */
public enum SpanKind {
    INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER, LLM
}
