package dev.foldwork.core.stores.memory;

import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.contract.EventStoreContract;

class MemoryEventStoreContractTest extends EventStoreContract {
    private final MemoryEventStore store = new MemoryEventStore();

    @Override
    protected EventStore store() {
        return store;
    }
}
