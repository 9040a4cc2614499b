package dev.foldwork.core.stores.memory;

import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.contract.FoldStoreContract;

class MemoryFoldStoreContractTest extends FoldStoreContract {
    private final MemoryFoldStore store = new MemoryFoldStore();

    @Override
    protected FoldStore store() {
        return store;
    }
}
