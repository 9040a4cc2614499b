package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import java.util.List;

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

    /**
     * The state after {@code events} (one batch, in order): what applying them one at a time gives,
     * which is the default. A fold whose state carries fields derived from the rest may override it
     * to derive them once per batch instead of once per event, and must give the same state. When it
     * throws, the runtime applies the events one at a time, which names the event that fails.
     */
    default S applyAll(S state, List<Event> events) {
        for (Event event : events) {
            state = apply(state, event);
        }
        return state;
    }
}
