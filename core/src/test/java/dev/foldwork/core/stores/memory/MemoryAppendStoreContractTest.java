package dev.foldwork.core.stores.memory;

import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.contract.AppendStoreContract;

class MemoryAppendStoreContractTest extends AppendStoreContract {
    private final MemoryAppendStore store = new MemoryAppendStore();

    @Override
    protected AppendStore store() {
        return store;
    }
}
