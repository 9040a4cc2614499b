package dev.foldwork.core.stores;

import dev.foldwork.core.domain.Event;

/**
 * Where a fold stands, stored with its state: the fold state is the checkpoint, and
 * {@code position} is the state's version. For an aggregate fold the position is the {@code seq}
 * of the last event consumed, so everything at or below it is a duplicate, however old. A global
 * fold counts the events it consumed; which ones, per source stream, are its stream positions.
 */
public record FoldCheckpoint(long position, String lastEventId, long lastEventTimestamp) {
    public static final FoldCheckpoint START = new FoldCheckpoint(0, null, 0);

    /** An aggregate fold after consuming {@code event}, the next of its stream. */
    public FoldCheckpoint consumed(Event event) {
        return new FoldCheckpoint(event.seq(), event.id(), event.timestamp());
    }

    /** A global fold after consuming one more event, of any stream. */
    public FoldCheckpoint counted(Event event) {
        return new FoldCheckpoint(position + 1, event.id(), event.timestamp());
    }
}
