package dev.foldwork.core.runtime.rebuild;

import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;

class MemoryRebuildTest extends RebuildScenarios {
    private final EventStore events = new MemoryEventStore();
    private final FoldStore folds = new MemoryFoldStore();

    @Override
    protected EventStore eventStore() {
        return events;
    }

    @Override
    protected FoldStore foldStore() {
        return folds;
    }
}
