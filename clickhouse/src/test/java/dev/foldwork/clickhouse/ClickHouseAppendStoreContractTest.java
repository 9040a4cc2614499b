package dev.foldwork.clickhouse;

import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.contract.AppendStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ClickHouseAppendStoreContractTest extends AppendStoreContract {
    private static ClickHouseTestDatabase database;
    private static ClickHouseAppendStore store;

    @BeforeAll
    static void open() {
        database = ClickHouseTestDatabase.create();
        store = new ClickHouseAppendStore(database.database());
    }

    @AfterAll
    static void close() {
        store.close();
        database.close();
    }

    @Override
    protected AppendStore store() {
        return store;
    }
}
