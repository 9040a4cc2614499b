package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.testing.LogAsTruthScenarios;
import org.junit.jupiter.api.AfterEach;

/** The log-as-truth scenarios in the memory mode. */
class MemoryLogAsTruthTest extends LogAsTruthScenarios {
    private final Foldwork<MemoryDispatcher> es = Foldwork.inMemory(registry);

    @AfterEach
    void stop() {
        es.close();
    }

    @Override
    protected EventDispatcher dispatcher() {
        return es.dispatcher();
    }

    @Override
    protected EventStore eventStore() {
        return es.eventStore();
    }

    @Override
    protected FoldStore foldStore() {
        return es.foldStore();
    }

    @Override
    protected AppendStore appendStore() {
        return es.appendStore();
    }
}
