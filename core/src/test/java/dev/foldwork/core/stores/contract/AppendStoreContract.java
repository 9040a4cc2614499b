package dev.foldwork.core.stores.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.RebuiltRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link AppendStore} does. Each test works in tenants of its own, so a store may be shared. */
public abstract class AppendStoreContract {
    protected abstract AppendStore store();

    private static TenantId freshTenant() {
        return TenantId.of("t-" + UUID.randomUUID());
    }

    private static MapRecord record(String eventId, String aggregateId, long timestamp) {
        return new MapRecord(eventId, aggregateId, timestamp, Json.object().put("from", eventId));
    }

    @Test
    void readsAnAggregatesRecordsByTimestampThenEventId() {
        TenantId tenant = freshTenant();
        store().append(tenant, "entries", List.of(record("e3", "a1", 300), record("e2b", "a1", 200)));
        store().append(tenant, "entries", List.of(record("e2a", "a1", 200), record("e1", "a1", 100), record("x", "a2", 1)));

        assertThat(store().read(tenant, "entries", "a1")).extracting(MapRecord::eventId).containsExactly("e1", "e2a", "e2b", "e3");
        assertThat(store().read(tenant, "entries", "a1").get(0)).isEqualTo(record("e1", "a1", 100));
    }

    @Test
    void keepsARecordAppendedTwiceOnce() {
        TenantId tenant = freshTenant();
        store().append(tenant, "entries", List.of(record("e1", "a1", 100), record("e1", "a1", 100)));
        store().append(tenant, "entries", List.of(record("e1", "a1", 100)));

        assertThat(store().read(tenant, "entries", "a1")).containsExactly(record("e1", "a1", 100));
    }

    @Test
    void keepsTenantsAndProjectionsApart() {
        TenantId one = freshTenant();
        TenantId two = freshTenant();
        store().append(one, "entries", List.of(record("one", "a1", 1)));
        store().append(two, "entries", List.of(record("two", "a1", 1)));
        store().append(one, "audit", List.of(record("audit", "a1", 1)));

        assertThat(store().read(one, "entries", "a1")).extracting(MapRecord::eventId).containsExactly("one");
        assertThat(store().read(two, "entries", "a1")).extracting(MapRecord::eventId).containsExactly("two");
        assertThat(store().read(one, "audit", "a1")).extracting(MapRecord::eventId).containsExactly("audit");
    }

    @Test
    void readsNothingForAnUnknownAggregate() {
        assertThat(store().read(freshTenant(), "entries", "nobody")).isEmpty();
    }

    @Test
    void roundTripsTrickyDataUnchanged() {
        TenantId tenant = freshTenant();
        List<MapRecord> records = new ArrayList<>();
        for (int i = 0; i < TrickyStrings.ALL.size(); i++) {
            String value = TrickyStrings.ALL.get(i);
            records.add(new MapRecord(String.format("%03d:", i) + value, "tricky", i, Json.object().put(TrickyStrings.asKey(value), value)));
        }
        store().append(tenant, "entries", records);

        assertThat(store().read(tenant, "entries", "tricky")).containsExactlyElementsOf(records);
    }

    @Test
    void aRebuildReplacesAndRemovesRecordsAndOutranksOlderGenerationsAndLaterAppends() {
        TenantId tenant = freshTenant();
        store().append(tenant, "entries", List.of(record("e1", "a1", 100), record("e2", "a1", 200), record("e3", "a1", 300)));
        MapRecord fixedE1 = new MapRecord("e1", "a1", 100, Json.object().put("fixed", 1));

        store().replace(tenant, "entries", 1, List.of(rebuilt(fixedE1), new RebuiltRecord("e2", "a1", 200, null)));
        assertThat(store().read(tenant, "entries", "a1")).as("e2 removed, e3 untouched")
                .containsExactly(fixedE1, record("e3", "a1", 300));

        store().append(tenant, "entries", List.of(record("e1", "a1", 100), record("e2", "a1", 200)));
        store().replace(tenant, "entries", 1, List.of(rebuilt(fixedE1))); // the same rebuild, repeated
        assertThat(store().read(tenant, "entries", "a1")).as("later appends change nothing")
                .containsExactly(fixedE1, record("e3", "a1", 300));

        MapRecord again = new MapRecord("e2", "a1", 200, Json.object().put("fixed", 2));
        store().replace(tenant, "entries", 2, List.of(rebuilt(again)));
        store().replace(tenant, "entries", 1, List.of(new RebuiltRecord("e2", "a1", 200, null)));
        assertThat(store().read(tenant, "entries", "a1")).as("an older generation loses")
                .containsExactly(fixedE1, again, record("e3", "a1", 300));
    }

    private static RebuiltRecord rebuilt(MapRecord record) {
        return new RebuiltRecord(record.eventId(), record.aggregateId(), record.timestamp(), record.data());
    }

    @Test
    void refusesAnAggregateIdWithForbiddenCharacters() {
        assertThatThrownBy(() -> store().read(freshTenant(), "entries", "a' OR 1=1 --"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("aggregateId");
        assertThatThrownBy(() -> store().append(freshTenant(), "entries", List.of(record("e1", "a;b", 1))))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("aggregateId");
    }
}
