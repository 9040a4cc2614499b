package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;
import java.util.Map;

/**
 * One fold's new state after a batch, ready to persist ({@code stored}) and in the fold's own type
 * ({@code state}, what its reactors' job ids read), the events it applied, and for a global fold
 * the stream positions it reached (stored before the state).
 */
record FoldChange(String fold, StoredFold stored, Object state, List<Event> applied, Map<StreamId, Long> positions) {}
