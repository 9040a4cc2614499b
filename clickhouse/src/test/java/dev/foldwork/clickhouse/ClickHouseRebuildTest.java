package dev.foldwork.clickhouse;

import dev.foldwork.core.runtime.rebuild.RebuildScenarios;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class ClickHouseRebuildTest extends RebuildScenarios {
    private ClickHouseTestDatabase database;
    private ClickHouseEventStore events;
    private ClickHouseFoldStore folds;

    @BeforeEach
    void open() {
        database = ClickHouseTestDatabase.create();
        events = new ClickHouseEventStore(database.database());
        folds = new ClickHouseFoldStore(database.database());
    }

    @AfterEach
    void close() {
        folds.close();
        events.close();
        database.close();
    }

    @Override
    protected EventStore eventStore() {
        return events;
    }

    @Override
    protected FoldStore foldStore() {
        return folds;
    }
}
