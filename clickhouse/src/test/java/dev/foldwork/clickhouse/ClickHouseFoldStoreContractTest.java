package dev.foldwork.clickhouse;

import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.contract.FoldStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ClickHouseFoldStoreContractTest extends FoldStoreContract {
    private static ClickHouseTestDatabase database;
    private static ClickHouseFoldStore store;

    @BeforeAll
    static void open() {
        database = ClickHouseTestDatabase.create();
        store = new ClickHouseFoldStore(database.database());
    }

    @AfterAll
    static void close() {
        store.close();
        database.close();
    }

    @Override
    protected FoldStore store() {
        return store;
    }
}
