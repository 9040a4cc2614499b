package dev.foldwork.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Core's values cross Temporal's default Jackson converter unchanged: no converter of our own is needed. */
class PayloadRoundTripTest {
    private static <T> T roundTrip(T value, Class<T> type) {
        var converter = DefaultDataConverter.STANDARD_INSTANCE;
        return converter.fromPayloads(0, converter.toPayloads(value), type, type);
    }

    private static final Event EVENT = new Event("0190-e1", TenantId.of("acme"), AggregateType.of("account"), "a-1",
            7, 1_700_000_000_123L, "EntryRecorded", 2,
            Json.object().put("amount", 12).put("memo", "ünïcode ✓").set("nested", Json.object().putNull("none")));

    @Test
    void eventsKeepEveryFieldAndTheirData() {
        Event back = roundTrip(EVENT, Event.class);
        assertThat(back).isEqualTo(EVENT);
        assertThat(back.tenantId()).isEqualTo(TenantId.of("acme"));
        assertThat(back.data().path("nested").path("none").isNull()).isTrue();
    }

    @Test
    void groupIdsStoredFoldsAndReactorCallsRoundTrip() {
        FoldGroupId group = new FoldGroupId(TenantId.of("acme"), "ledger", AggregateType.of("account"), "a-1");
        StoredFold stored = new StoredFold(Json.object().put("balance", 5),
                new FoldCheckpoint(3, "0190-e1", 1_700_000_000_123L));
        ReactorCall call = new ReactorCall(group, "account_balance", "balance_watch", EVENT, stored.state(), stored.rank());

        assertThat(roundTrip(group, FoldGroupId.class)).isEqualTo(group);
        assertThat(roundTrip(stored, StoredFold.class)).isEqualTo(stored);
        assertThat(roundTrip(call, ReactorCall.class)).isEqualTo(call);
    }
}
