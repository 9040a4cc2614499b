package dev.foldwork.core.runtime.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.EntryLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A map fixed after a bug is rebuilt from the log: every record of the tenant is made again by the
 * fixed code, a record it no longer makes goes, and other tenants and aggregates stay as they were.
 */
class MapRebuildTest {
    private static final AggregateType ACCOUNT = AggregateType.of("account");
    private static final TenantId TENANT = TenantId.of("tenant_one");
    private static final TenantId OTHER = TenantId.of("tenant_two");
    private static final EventDispatcher NOWHERE = events -> CompletableFuture.completedFuture(null);

    /** The fixed entry log: no line for an entry of amount 0. */
    static final class FixedEntryLog implements MapProjection<EntryLine> {
        @Override
        public String name() {
            return LedgerPipeline.ENTRY_LOG.name();
        }

        @Override
        public Optional<EntryLine> map(Event event) {
            long amount = event.data().path("amount").asLong();
            return amount == 0 ? Optional.empty()
                    : Optional.of(new EntryLine(event.aggregateId(), amount, event.data().path("memo").asText()));
        }
    }

    private final MemoryEventStore events = new MemoryEventStore();
    private final MemoryFoldStore folds = new MemoryFoldStore();
    private final MemoryAppendStore records = new MemoryAppendStore();
    private final FixedEntryLog fixed = new FixedEntryLog();
    private final PipelineRegistry registry = PipelineRegistry.of(List.of(Pipeline.named(LedgerPipeline.NAME)
                    .aggregateType(ACCOUNT.value())
                    .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
                    .fold(LedgerPipeline.BALANCE)
                    .map(fixed)
                    .build()),
            Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());

    @Test
    void remakesEveryRecordOfTheTenantAndDropsTheOnesTheFixedMapNoLongerMakes() throws Exception {
        List<Event> history = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            history.addAll(storeEntriesWithABuggyLog(TENANT, "acct-" + a, 40));
        }
        List<Event> other = storeEntriesWithABuggyLog(OTHER, "acct-0", 5);

        try (Rebuilds rebuilds = rebuilds()) {
            RebuildStatus done = awaitEnd(rebuilds, rebuilds.start(new RebuildRequest(TENANT, fixed.name(), null)));

            assertThat(done.state()).isEqualTo(RebuildStatus.State.DONE);
            assertThat(done.eventsDone()).isEqualTo(history.size());
            for (int a = 0; a < 3; a++) {
                String account = "acct-" + a;
                assertThat(records.read(TENANT, fixed.name(), account)).as(account)
                        .containsExactlyElementsOf(fixedRecords(history.stream().filter(e -> e.aggregateId().equals(account)).toList()));
            }
            assertThat(records.read(OTHER, fixed.name(), "acct-0")).as("another tenant's records")
                    .extracting(r -> r.data().path("memo").asText()).containsOnly("buggy");
            assertThat(records.read(OTHER, fixed.name(), "acct-0")).hasSize(other.size());

            // A live append of an event the rebuild covered (a late redelivery) changes nothing.
            Event late = history.get(7);
            records.append(TENANT, fixed.name(), List.of(buggyRecord(late)));
            assertThat(records.read(TENANT, fixed.name(), late.aggregateId()))
                    .containsExactlyElementsOf(fixedRecords(history.stream().filter(e -> e.aggregateId().equals(late.aggregateId())).toList()));
        }
    }

    @Test
    void rebuildsOneAggregateAloneAndRefusesAnUnknownProjection() throws Exception {
        List<Event> one = storeEntriesWithABuggyLog(TENANT, "acct-0", 12);
        storeEntriesWithABuggyLog(TENANT, "acct-1", 12);

        try (Rebuilds rebuilds = rebuilds()) {
            RebuildStatus done = awaitEnd(rebuilds, rebuilds.start(new RebuildRequest(TENANT, fixed.name(), "acct-0")));

            assertThat(done.eventsDone()).isEqualTo(one.size());
            assertThat(records.read(TENANT, fixed.name(), "acct-0")).containsExactlyElementsOf(fixedRecords(one));
            assertThat(records.read(TENANT, fixed.name(), "acct-1")).extracting(r -> r.data().path("memo").asText())
                    .containsOnly("buggy");
            assertThatThrownBy(() -> rebuilds.start(new RebuildRequest(TENANT, "no_such_projection", null)))
                    .isInstanceOf(RebuildRefusedException.class)
                    .hasMessageContaining("no fold or map named no_such_projection");
        }
    }

    private Rebuilds rebuilds() {
        return new Rebuilds(registry, events, folds, records, NOWHERE, Duration.ZERO, System::currentTimeMillis);
    }

    private static RebuildStatus awaitEnd(Rebuilds rebuilds, RebuildStatus started) throws Exception {
        return rebuilds.ending(started.id()).orElseThrow().get(30, TimeUnit.SECONDS);
    }

    /** Every third entry has amount 0; the buggy log wrote a line for each, with the wrong memo. */
    private List<Event> storeEntriesWithABuggyLog(TenantId tenant, String account, int count) {
        List<Event> stream = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            long amount = seq % 3 == 0 ? 0 : seq;
            stream.add(new Event(tenant.value() + "-" + account + "-" + seq, tenant, ACCOUNT, account, seq, 1_000 + seq,
                    "EntryRecorded", 1, Json.object().put("accountId", account).put("amount", amount).put("memo", "ok")));
        }
        events.append(tenant, stream);
        records.append(tenant, fixed.name(), stream.stream().map(MapRebuildTest::buggyRecord).toList());
        return stream;
    }

    private static MapRecord buggyRecord(Event event) {
        return new MapRecord(event.id(), event.aggregateId(), event.timestamp(),
                Json.toNode(new EntryLine(event.aggregateId(), event.data().path("amount").asLong(), "buggy")));
    }

    private List<MapRecord> fixedRecords(List<Event> stream) {
        List<MapRecord> expected = new ArrayList<>();
        for (Event event : stream) {
            fixed.map(event).ifPresent(line -> expected.add(new MapRecord(event.id(), event.aggregateId(), event.timestamp(),
                    Json.toNode(line))));
        }
        return expected;
    }
}
