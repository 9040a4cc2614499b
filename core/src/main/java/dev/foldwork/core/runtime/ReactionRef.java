package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.StreamId;

/**
 * A reaction owed after a fold persisted, by reference: the event by its stream and {@code seq},
 * the state by its fold group. A queued reaction stays a few hundred bytes whatever the sizes of
 * the fold's state and the event; {@link OwedReactions#read} reads them back when it runs.
 */
public record ReactionRef(FoldGroupId group, String fold, String reactor, StreamId stream, long seq) {
    public static ReactionRef of(ReactorCall call) {
        return new ReactionRef(call.group(), call.fold(), call.reactor(), call.event().streamId(), call.event().seq());
    }
}
