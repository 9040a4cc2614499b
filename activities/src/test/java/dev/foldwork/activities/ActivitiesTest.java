package dev.foldwork.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.OwedReactions;
import dev.foldwork.core.runtime.ReactionRef;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.runtime.StoredStates;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.core.testing.LedgerPipeline;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activities run through Temporal's activity test environment over the memory stores. */
class ActivitiesTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final FoldGroupId GROUP = new FoldGroupId(TENANT, "ledger", AggregateType.of("account"), "a-1");

    private final MemoryEventStore eventStore = new MemoryEventStore();
    private final MemoryFoldStore foldStore = new MemoryFoldStore();
    private final MemoryAppendStore appendStore = new MemoryAppendStore();
    private final List<String> reactions = new CopyOnWriteArrayList<>();
    private TestActivityEnvironment env;
    private FoldStateActivities folds;
    private MapActivities maps;
    private ReactorActivities reactors;
    private StreamWriteActivities writes;

    @BeforeEach
    void start() {
        PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {
            if (event.data().path("memo").asText().equals("explode")) {
                throw new IllegalStateException("reactor exploded on " + event.id());
            }
            reactions.add(event.id() + " balance " + context.state().balance());
        });
        EventRouter router = new EventRouter(registry);
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new FoldStateActivitiesImpl(registry, eventStore, foldStore, new StoredStates()),
                new MapActivitiesImpl(registry, new MapExecutor(router, appendStore), eventStore),
                new ReactorActivitiesImpl(new ReactorExecutor(registry, command -> List.of()),
                        new OwedReactions(router, eventStore, foldStore, new StoredStates())),
                new StreamWriteActivitiesImpl(eventStore, () -> events -> java.util.concurrent.CompletableFuture.completedFuture(null)));
        var once = FoldActivityPolicies.defaults().withAttempts(1, 1, 1);
        folds = env.newActivityStub(FoldStateActivities.class, once.persist());
        maps = env.newActivityStub(MapActivities.class, once.map());
        reactors = env.newActivityStub(ReactorActivities.class, once.reactor());
        writes = env.newActivityStub(StreamWriteActivities.class, once.persist());
    }

    @Test
    void anAppendRepeatedIsANoOpAndOtherEventsAtStoredSeqsAreRefused() {
        StreamId stream = new StreamId(TENANT, AggregateType.of("account"), "a-1");
        List<Event> first = List.of(entry("e-1", 5, "a"), entry("e-2", 6, "b"));
        writes.append(TENANT, first);
        writes.append(TENANT, first); // a workflow task retried after its append had run

        assertThat(writes.lastSeq(stream)).isEqualTo(2);
        assertThatThrownBy(() -> writes.append(TENANT, List.of(entry("x-2", 7, "c"))))
                .isInstanceOf(ActivityFailure.class).hasStackTraceContaining(StreamWriteActivitiesImpl.STREAM_MOVED);
        assertThat(eventStore.read(stream, 1, 10)).extracting(Event::id).containsExactly("e-1", "e-2");
        assertThatThrownBy(() -> writes.append(TENANT, List.of(entry("e-4", 7, "c"))))
                .as("a gap").isInstanceOf(ActivityFailure.class).hasStackTraceContaining(StreamWriteActivitiesImpl.STREAM_MOVED);
        // a retried task's group: what was stored, and a write that came in meanwhile
        writes.append(TENANT, List.of(entry("e-2", 6, "b"), entry("e-3", 7, "c")));
        assertThat(eventStore.read(stream, 1, 10)).extracting(Event::id).containsExactly("e-1", "e-2", "e-3");
    }

    @Test
    void theEndBeforeAWriteIsBeforeItsEventsWhenTheStreamsTailHoldsThem() {
        StreamId stream = new StreamId(TENANT, AggregateType.of("account"), "a-1");
        assertThat(writes.endBefore(stream, "e-1", 2)).as("an empty stream").isZero();
        writes.append(TENANT, List.of(entry("e-1", 5, "a"), entry("e-2", 6, "b"), entry("e-3", 7, "c")));

        // a retried task's write whose append landed: the same seqs again, maybe with more events behind
        assertThat(writes.endBefore(stream, "e-2", 2)).isEqualTo(1);
        assertThat(writes.endBefore(stream, "e-2", 5)).isEqualTo(1);
        assertThat(writes.endBefore(stream, "n-4", 2)).as("a new write").isEqualTo(3);
        // the lost task appended e-1 alone, then e-2 and e-3: the retry's first group is e-1 alone
        assertThat(writes.endBefore(stream, "e-1", 1)).as("landed, with another append behind it").isZero();
    }

    @Test
    void aWriteBeyondTheLandedTailIsAWriteMadeLongAgo() {
        StreamId stream = new StreamId(TENANT, AggregateType.of("account"), "a-1");
        List<Event> stored = new ArrayList<>();
        for (int seq = 1; seq <= StreamWriteActivities.LANDED_TAIL + 1; seq++) {
            stored.add(entry("e-" + seq, seq, "m"));
        }
        writes.append(TENANT, stored);

        assertThat(writes.endBefore(stream, "e-2", 1)).as("within the last 500").isEqualTo(1);
        assertThat(writes.endBefore(stream, "e-1", 1)).as("beyond them").isEqualTo(StreamWriteActivities.LANDED_TAIL + 1);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private static Event entry(String id, long amount, String memo) {
        return new Event(id, TENANT, AggregateType.of("account"), "a-1", Long.parseLong(id.substring(2)), 1_700_000_000_000L,
                "EntryRecorded", 1,
                Json.toNode(new LedgerPipeline.EntryLine("a-1", amount, memo)));
    }

    @Test
    void aGlobalFoldLoadsWithThePositionsADeadWriterLeftSetBack() {
        FoldGroupId month = new FoldGroupId(TENANT, Pipeline.GLOBAL_PROJECTIONS, AggregateType.of("monthly_volume"), "2026-12");
        StreamId stream = new StreamId(TENANT, AggregateType.of("account"), "a-1");
        foldStore.storeStreamPositions(TENANT, "monthly_volume", "2026-12", 4, Map.of(stream, 4L)); // its state never stored

        StoredFold loaded = folds.load(month, List.of("monthly_volume")).get("monthly_volume");

        assertThat(loaded.version()).isEqualTo(5);
        assertThat(Json.fromNode(loaded.state(), LedgerPipeline.MonthlyVolume.class)).isEqualTo(new LedgerPipeline.MonthlyVolume(0, 0));
        assertThat(folds.streamPositions(month, "monthly_volume", List.of(stream), loaded.version()))
                .containsExactly(new StreamPosition(stream, 0));
    }

    @Test
    void storedFoldStatesLoadBackAndUnknownFoldsAreAbsent() {
        StoredFold stored = new StoredFold(Json.toNode(new LedgerPipeline.Balance(5, 1, 22, "x")),
                new FoldCheckpoint(1, "e-1", 1));
        folds.store(GROUP, "account_balance", stored);

        var loaded = folds.load(GROUP, List.of("account_balance", "other_fold"));
        assertThat(loaded).containsOnlyKeys("account_balance");
        // JSON numbers may come back as a narrower node type, so compare the state as its record
        assertThat(Json.fromNode(loaded.get("account_balance").state(), LedgerPipeline.Balance.class))
                .isEqualTo(new LedgerPipeline.Balance(5, 1, 22, "x"));
        assertThat(loaded.get("account_balance").checkpoint()).isEqualTo(stored.checkpoint());
    }

    @Test
    void eventsAreReadByPagesFarBelowThePayloadLimit() {
        List<Event> stream = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            stream.add(entry("e-" + i, i, "x".repeat(i <= 3 ? 900_000 : 2_000)));
        }
        eventStore.append(TENANT, stream);
        StreamId id = stream.get(0).streamId();
        SeqRange big = new SeqRange(id, 1, 3);
        SeqRange small = new SeqRange(id, 4, 600);

        GapFiller.ReadPage first = folds.readEvents(List.of(big, small));
        assertThat(first.events()).extracting(Event::seq).containsExactly(1L);
        assertThat(first.rangesRead()).isEqualTo(1);
        GapFiller.ReadPage next = folds.readEvents(List.of(small));
        assertThat(next.events()).hasSizeLessThanOrEqualTo(FoldStateActivities.READ_PAGE);
        assertThat(next.events().get(0).seq()).isEqualTo(4);
        for (GapFiller.ReadPage page : List.of(first, next)) {
            assertThat(DefaultDataConverter.STANDARD_INSTANCE.toPayloads(page).orElseThrow().getSerializedSize())
                    .as("a page's payload").isLessThan(1_000_000);
        }
    }

    @Test
    void aGlobalFoldStoresItsStreamPositionsWithItsState() {
        StreamId a = entry("e-1", 1, "a").streamId();
        StoredFold stored = new StoredFold(Json.object().put("entries", 2), new FoldCheckpoint(2, "e-2", 1));
        folds.storeGlobal(GROUP, "monthly_volume", stored, List.of(new StreamPosition(a, 2)));

        assertThat(folds.streamPositions(GROUP, "monthly_volume", List.of(a), 2)).containsExactly(new StreamPosition(a, 2));
        assertThat(folds.streamPositions(GROUP, "monthly_volume", List.of(a), 1)).isEmpty();
    }

    @Test
    void mapRecordsAreAppendedOncePerEvent() {
        List<Event> events = List.of(entry("e-1", 3, "a"), entry("e-2", 4, "b"));
        maps.append("entry_log", events);
        maps.append("entry_log", events); // a retried activity

        assertThat(appendStore.read(TENANT, "entry_log", "a-1")).extracting(r -> r.eventId()).containsExactly("e-1", "e-2");
    }

    @Test
    void anUnknownMapProjectionIsNamedInTheFailure() {
        assertThatThrownBy(() -> maps.append("no_such_map", List.of(entry("e-1", 3, "a"))))
                .isInstanceOf(ActivityFailure.class)
                .rootCause().hasMessageContaining("no map projection named no_such_map in this registry");
    }

    @Test
    void reactorsSeeTheirFoldsTypedStateAndTheirFailuresFailTheActivity() {
        var state = Json.toNode(new LedgerPipeline.Balance(42, 2, 0, ""));
        reactors.react(new ReactorCall(GROUP, "account_balance", "balance_watch", entry("e-1", 1, "fine"), state, 2));
        assertThat(reactions).containsExactly("e-1 balance 42");

        assertThatThrownBy(() -> reactors.react(new ReactorCall(GROUP, "account_balance", "balance_watch",
                entry("e-2", 1, "explode"), state, 2)))
                .isInstanceOf(ActivityFailure.class)
                .rootCause().hasMessageContaining("reactor exploded on e-2");
    }

    @Test
    void mapRangesAreReadFromTheEventStoreAndAppendedOncePerEvent() {
        List<Event> stored = new ArrayList<>();
        for (int i = 1; i <= 1_200; i++) {
            stored.add(entry("e-" + i, i, "m" + i));
        }
        eventStore.append(TENANT, stored);
        StreamId stream = new StreamId(TENANT, AggregateType.of("account"), "a-1");

        maps.appendRanges("entry_log", List.of(new SeqRange(stream, 2, 1_101), new SeqRange(stream, 1_150, 1_150)));
        maps.appendRanges("entry_log", List.of(new SeqRange(stream, 1, 3))); // a retry, and one more event

        assertThat(appendStore.read(TENANT, "entry_log", "a-1")).hasSize(1_102)
                .extracting(r -> r.eventId()).contains("e-1", "e-1101", "e-1150").doesNotContain("e-1102", "e-1200");
    }

    @Test
    void aReactionByReferenceReadsTheStoredStateAndALargeEventFromTheStores() {
        String large = "x".repeat(ReactionRef.INLINE_EVENT_MAX_BYTES + 1);
        Event event = entry("e-1", 1, large);
        eventStore.append(TENANT, List.of(event));
        foldStore.store(TENANT, "account_balance", "a-1",
                new StoredFold(Json.toNode(new LedgerPipeline.Balance(42, 1, 0, "")), new FoldCheckpoint(1, "e-1", 1)));
        ReactionRef ref = ReactionRef.of(new ReactorCall(GROUP, "account_balance", "balance_watch", event,
                Json.toNode(new LedgerPipeline.Balance(0, 0, 0, "")), 0));

        reactors.reactTo(ref);

        assertThat(ref.event()).as("a large event is left in the store").isNull();
        assertThat(reactions).containsExactly("e-1 balance 42");
    }
}
