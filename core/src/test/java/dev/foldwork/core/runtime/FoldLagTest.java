package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.testing.Ledger;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldLagTest {
    @Test
    void countsEventsTheFoldsHaveNotConsumedYet() throws Exception {
        try (Foldwork<MemoryDispatcher> es = Foldwork.inMemory(LedgerPipeline.registry((c, e) -> {}))) {
            es.service().send(Ledger.entry("t1", "a1", 1, "x"));
            es.service().send(Ledger.entry("t1", "a2", 1, "y"));
            assertThat(es.dispatcher().awaitIdle(Duration.ofSeconds(10))).isTrue();
            FoldLag lag = new FoldLag(es.registry(), es.eventStore(), es.foldStore());
            assertThat(lag.behind(List.of(TenantId.of("t1")))).isZero();

            // Stored but never dispatched: the account fold and the monthly volume fold each owe one.
            es.eventStore().append(TenantId.of("t1"), List.of(new Event("late-1", TenantId.of("t1"),
                    Ledger.ACCOUNT, "a1", 2, System.currentTimeMillis(), "EntryRecorded", 1,
                    Json.object().put("amount", 5).put("memo", "late"))));
            assertThat(lag.behind(List.of(TenantId.of("t1")))).isEqualTo(2);
        }
    }
}
