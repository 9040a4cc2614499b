package dev.foldwork.clickhouse;

import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.contract.EventStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ClickHouseEventStoreContractTest extends EventStoreContract {
    private static ClickHouseTestDatabase database;
    private static ClickHouseEventStore store;

    @BeforeAll
    static void open() {
        database = ClickHouseTestDatabase.create();
        store = new ClickHouseEventStore(database.database());
    }

    @AfterAll
    static void close() {
        store.close();
        database.close();
    }

    @Override
    protected EventStore store() {
        return store;
    }
}
