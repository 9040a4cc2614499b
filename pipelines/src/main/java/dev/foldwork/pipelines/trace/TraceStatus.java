package dev.foldwork.pipelines.trace;

/** A trace's outcome: an error as soon as one of its spans failed. */
public enum TraceStatus {
    OK, ERROR
}
