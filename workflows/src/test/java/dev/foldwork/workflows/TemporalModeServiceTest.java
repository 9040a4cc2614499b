package dev.foldwork.workflows;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.service.EventIds;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The web role wired whole: commands through the service, stored, dispatched to the fold workflows. */
class TemporalModeServiceTest {

    @Test
    void commandsFromConcurrentSendersFoldLikeTheEventStoreReadsBack() throws Exception {
        MemoryEventStore eventStore = new MemoryEventStore();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try (FoldHarness harness = new FoldHarness(FoldHarness.quickOptions())) {
            EventSourcingService service = new EventSourcingService(harness.registry, eventStore, harness.dispatcher,
                    new EventIds(Clock.systemUTC()));
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        var payload = Json.object().put("accountId", "acct-" + (i % 5)).put("amount", sender * 100 + i)
                                .put("memo", "s" + sender + "-" + i);
                        service.send(new Command(FoldHarness.TENANT, LedgerPipeline.NAME, "record_entry", payload));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            for (int a = 0; a < 5; a++) {
                String account = "acct-" + a;
                harness.awaitStored(account, FoldHarness.sequential(
                        eventStore.read(FoldHarness.TENANT, AggregateType.of("account"), account)));
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
