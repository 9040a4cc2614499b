package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;

/**
 * Reduces one aggregate's events, in order, into a state. {@code apply} must be pure and
 * deterministic: it runs inside Temporal workflow code and is replayed. The state type is a
 * value that Jackson writes and reads back unchanged (a record of plain fields).
 */
public interface FoldProjection<S> {
    /** Unique across the registry; names the fold's rows in the fold store. */
    String name();

    Class<S> stateType();

    S init();

    S apply(S state, Event event);
}
