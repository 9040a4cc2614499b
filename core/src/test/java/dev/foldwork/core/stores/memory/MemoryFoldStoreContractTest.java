package dev.foldwork.core.stores.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.contract.FoldStoreContract;
import org.junit.jupiter.api.Test;

class MemoryFoldStoreContractTest extends FoldStoreContract {
    private static final TenantId TENANT = TenantId.of("t1");
    private static final FoldCheckpoint AT_ONE = new FoldCheckpoint(1, "e1", 1_000);

    private final MemoryFoldStore store = new MemoryFoldStore();

    @Override
    protected FoldStore store() {
        return store;
    }

    record Count(long value) {}

    @Test
    void aStateWrittenFromItsValueIsKeptAndHandedOutAsItIs() {
        JsonNode typed = Json.toTypedNode(new Count(3));
        store.store(TENANT, "counts", "k1", new StoredFold(typed, AT_ONE));
        JsonNode read = store.get(TENANT, "counts", "k1").orElseThrow().state();
        assertThat(read).isSameAs(typed);
        assertThat(Json.fromNode(read, Count.class)).isEqualTo(new Count(3));
    }

    @Test
    void aPlainStateIsCopiedInAndOut() {
        ObjectNode plain = Json.object().put("value", 3);
        store.store(TENANT, "counts", "k2", new StoredFold(plain, AT_ONE));
        plain.put("value", 4);
        ObjectNode read = (ObjectNode) store.get(TENANT, "counts", "k2").orElseThrow().state();
        read.put("value", 5);
        assertThat(store.get(TENANT, "counts", "k2").orElseThrow().state().path("value").asLong()).isEqualTo(3);
    }
}
