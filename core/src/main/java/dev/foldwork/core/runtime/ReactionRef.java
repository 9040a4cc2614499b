package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.JsonSize;

/**
 * A reaction owed after a fold persisted, by reference: the state by its fold group and the rank
 * it was stored at ({@code stateRank}: the state read back must rank at least as high; 0 in
 * references queued before ranks), the event by its stream and {@code seq}. A small event rides along ({@code event}, else null), which spares
 * the event store a read per reaction; a large one is read back. So a queued reaction stays under
 * about {@value #INLINE_EVENT_MAX_BYTES} bytes whatever the sizes of the fold's state and the
 * event; {@link OwedReactions#read} reads the rest back when it runs.
 */
public record ReactionRef(FoldGroupId group, String fold, String reactor, StreamId stream, long seq, long stateRank,
                          Event event) {
    /** Most bytes of event JSON (UTF-8) a reference carries inline. */
    public static final int INLINE_EVENT_MAX_BYTES = 16_384;

    public static ReactionRef of(ReactorCall call) {
        Event event = call.event();
        boolean small = JsonSize.utf8Bytes(event.data()) <= INLINE_EVENT_MAX_BYTES;
        return new ReactionRef(call.group(), call.fold(), call.reactor(), event.streamId(), event.seq(), call.stateRank(),
                small ? event : null);
    }
}
