package dev.foldwork.core.stores;

import dev.foldwork.core.domain.StreamId;

/**
 * A stream written since some time: the lowest and highest {@code seq} stored since then, and
 * when the newest of them was stored (on the store's ingestion clock). Catch-up compares fold
 * positions with it.
 */
public record StreamHead(StreamId stream, long firstSeq, long lastSeq, long writtenAtMs) {}
