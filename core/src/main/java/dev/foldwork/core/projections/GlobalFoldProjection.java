package dev.foldwork.core.projections;

import dev.foldwork.core.domain.Event;
import java.util.Optional;

/**
 * A fold that receives events of every pipeline and keeps its state under a key of its own,
 * such as a month for a billing meter. The key is per tenant: the tenant is always part of
 * where the state lives. Return empty to ignore an event.
 */
public interface GlobalFoldProjection<S> extends FoldProjection<S> {
    Optional<String> key(Event event);
}
