package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.StreamId;

/** A stream's events with {@code fromSeq <= seq <= toSeq}: a hole a fold needs read from the store. */
public record SeqRange(StreamId stream, long fromSeq, long toSeq) {}
