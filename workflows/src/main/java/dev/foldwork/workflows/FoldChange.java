package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.stores.StoredFold;
import java.util.List;

/** One fold's new state after a batch, ready to persist, and the events it applied. */
record FoldChange(String fold, StoredFold stored, List<Event> applied) {}
