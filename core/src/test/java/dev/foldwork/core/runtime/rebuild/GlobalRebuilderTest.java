package dev.foldwork.core.runtime.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerChecks;
import dev.foldwork.core.testing.LedgerPipeline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A global fold that routes only some events of a stream, and to more than one key: its rebuild
 * counts exactly the routed events (the routed seqs of a stream are not contiguous), and the live
 * writer goes on from the rebuilt positions without counting anything twice.
 */
class GlobalRebuilderTest {
    private static final TenantId TENANT = TenantId.of("t1");

    /** Counts entries over 3, keyed by the amount's parity; entries of 3 or less go nowhere. */
    record Count(long entries) {}

    static final class BigEntries implements GlobalFoldProjection<Count> {
        @Override
        public String name() {
            return "big_entries";
        }

        @Override
        public Class<Count> stateType() {
            return Count.class;
        }

        @Override
        public Optional<String> key(Event event) {
            long amount = event.data().path("amount").asLong();
            return amount <= 3 ? Optional.empty() : Optional.of(amount % 2 == 0 ? "even" : "odd");
        }

        @Override
        public Count init() {
            return new Count(0);
        }

        @Override
        public Count apply(Count state, Event event) {
            return new Count(state.entries() + 1);
        }
    }

    private final BigEntries fold = new BigEntries();
    private final PipelineRegistry registry = PipelineRegistry.of(List.of(LedgerPipeline.pipeline((c, e) -> {})),
            Pipeline.globalProjections().fold(fold).build());
    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();

    @Test
    void countsOnlyTheRoutedEventsOfEachStreamAndTheLiveWriterGoesOnFromThere() {
        try (Foldwork<MemoryDispatcher> live = Foldwork.inMemory(registry, events, folds, new MemoryAppendStore(), MemoryDispatcherOptions.defaults());
                Rebuilds rebuilds = new Rebuilds(registry, events, folds, new MemoryAppendStore(), live.dispatcher(),
                        Duration.ofMillis(100), System::currentTimeMillis)) {
            send(live, 0, 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("even") + count("odd") == expected("even") + expected("odd"));
            StoredFold even = folds.get(TENANT, fold.name(), "even").orElseThrow();
            folds.store(TENANT, fold.name(), "even", new StoredFold(Json.toNode(new Count(999)), // a bug's count
                    new FoldCheckpoint(even.version() + 1, null, 0), even.generation()));

            RebuildStatus started = rebuilds.start(new RebuildRequest(TENANT, fold.name(), null));
            await().atMost(Duration.ofSeconds(30)).until(() -> rebuilds.get(started.id()).orElseThrow().state() != RebuildStatus.State.RUNNING);
            assertThat(rebuilds.get(started.id()).orElseThrow().state()).isEqualTo(RebuildStatus.State.DONE);
            assertThat(count("even")).isEqualTo(expected("even"));
            assertThat(count("odd")).isEqualTo(expected("odd"));

            send(live, 30, 50);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count("even")).isEqualTo(expected("even"));
                assertThat(count("odd")).isEqualTo(expected("odd"));
            });
        }
    }

    private void send(Foldwork<MemoryDispatcher> live, int from, int to) {
        for (int i = from; i < to; i++) {
            live.service().send(LedgerChecks.entry(TENANT, "acct-" + i % 3, i % 7 + 1, "e" + i));
        }
    }

    private long count(String key) {
        return folds.get(TENANT, fold.name(), key).map(s -> s.state().path("entries").asLong()).orElse(0L);
    }

    private long expected(String key) {
        long n = 0;
        for (int a = 0; a < 3; a++) {
            n += events.read(TENANT, LedgerChecks.ACCOUNT, "acct-" + a).stream()
                    .filter(e -> fold.key(e).filter(key::equals).isPresent()).count();
        }
        return n;
    }
}
