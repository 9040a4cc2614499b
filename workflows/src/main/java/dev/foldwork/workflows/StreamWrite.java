package dev.foldwork.workflows;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.service.NewEvent;
import java.util.List;

/**
 * One command's events for one stream, sent to the stream's writer (its aggregate's fold
 * workflow) by update. They have ids but no seqs yet. {@code expectedLastSeq} is the seq the
 * command's handler read the stream at (0 for an empty stream), or null if it read no history.
 */
public record StreamWrite(StreamId stream, List<NewEvent> events, Long expectedLastSeq) {
    public StreamWrite {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
