package dev.foldwork.core.stores;

import dev.foldwork.core.domain.StreamId;

/**
 * A stream written since some time: the lowest and highest {@code seq} stored since then, the
 * highest {@code seq} stored before the settle time (events younger than that are usually still
 * being delivered), and when the newest was stored, all on the store's ingestion clock. Catch-up
 * compares fold positions with it.
 */
public record StreamHead(StreamId stream, long firstSeq, long lastSeq, long settledSeq, long writtenAtMs) {}
