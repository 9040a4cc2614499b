package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;
import java.util.Map;

/**
 * One fold's new state after a batch, ready to persist, the events it applied, and for a global
 * fold the stream positions it reached (stored before the state).
 */
record FoldChange(String fold, StoredFold stored, List<Event> applied, Map<StreamId, Long> positions) {}
