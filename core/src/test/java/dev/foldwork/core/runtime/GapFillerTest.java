package dev.foldwork.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapFillerTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private final MemoryEventStore store = new MemoryEventStore();
    private final List<List<SeqRange>> reads = new ArrayList<>();

    private static Event event(String stream, long seq, String kind) {
        return new Event(stream + "-" + seq, TENANT, AggregateType.of("account"), stream, seq, seq, "EntryRecorded", 1,
                Json.object().put("kind", kind));
    }

    private List<Event> stored(String stream, int count, String kind) {
        List<Event> events = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            events.add(event(stream, seq, seq % 2 == 0 ? "other" : kind));
        }
        store.append(TENANT, events);
        return events;
    }

    /** Reads every range whole, or only the first {@code perCall} ranges of a call. */
    private GapFiller.RangeReader reader(int perCall) {
        return ranges -> {
            reads.add(ranges);
            List<Event> out = new ArrayList<>();
            List<SeqRange> served = ranges.subList(0, Math.min(perCall, ranges.size()));
            served.forEach(r -> out.addAll(store.read(r.stream(), r.fromSeq(), r.toSeq())));
            return new GapFiller.ReadPage(out, served.size());
        };
    }

    @Test
    void fillsTheHolesOfEveryStreamInOneReadAndSkipsWhatThePositionHolds() {
        List<Event> a = stored("a", 5, "x");
        List<Event> b = stored("b", 3, "x");

        List<Event> complete = GapFiller.complete(List.of(a.get(4), b.get(2), a.get(0)), s -> s.aggregateId().equals("a") ? 1 : 0,
                e -> true, reader(100), Long.MAX_VALUE).events();

        assertThat(complete).extracting(Event::id).containsExactly("a-2", "a-3", "a-4", "a-5", "b-1", "b-2", "b-3");
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0)).containsExactly(new SeqRange(a.get(0).streamId(), 2, 4), new SeqRange(b.get(0).streamId(), 1, 2));
    }

    @Test
    void aHoleTheStoreDoesNotHoldStopsThatStreamBeforeIt() {
        Event a1 = event("a", 1, "x");
        Event a3 = event("a", 3, "x");
        store.append(TENANT, List.of(a1));
        List<Event> b = stored("b", 2, "x");

        List<Event> complete = GapFiller.complete(List.of(a1, a3, b.get(1)), s -> 0, e -> true, reader(100), Long.MAX_VALUE).events();

        assertThat(complete).extracting(Event::id).containsExactly("a-1", "b-1", "b-2");
    }

    @Test
    void readEventsTheFoldDoesNotTakeOnlyMoveItAlong() {
        List<Event> a = stored("a", 5, "x");

        List<Event> complete = GapFiller.complete(List.of(a.get(4)), s -> 0, e -> e.data().path("kind").asText().equals("x"),
                reader(100), Long.MAX_VALUE).events();

        assertThat(complete).extracting(Event::seq).containsExactly(1L, 3L, 5L);
    }

    @Test
    void aReaderThatServesOnlySomeRangesIsAskedAgainForTheRest() {
        List<Event> a = stored("a", 3, "x");
        List<Event> b = stored("b", 3, "x");

        List<Event> complete = GapFiller.complete(List.of(a.get(2), b.get(2)), s -> 0, e -> true, reader(1), Long.MAX_VALUE).events();

        assertThat(complete).hasSize(6);
        assertThat(reads).hasSize(2);
        StreamId bStream = b.get(0).streamId();
        assertThat(reads.get(1)).containsExactly(new SeqRange(bStream, 1, 2));
    }

    @Test
    void pastTheReadBudgetTheDeliveredEventsBehindAHoleAreDeferredNotDropped() {
        List<Event> a = stored("a", 10, "x");
        List<Event> b = stored("b", 3, "x");
        GapFiller.RangeReader pages = ranges -> {
            SeqRange first = ranges.get(0);
            return new GapFiller.ReadPage(store.read(first.stream(), first.fromSeq(), Math.min(first.toSeq(), first.fromSeq() + 1)), 1);
        };

        GapFiller.Completed completed = GapFiller.complete(List.of(a.get(9), b.get(2)), s -> 0, e -> true, pages, 4);

        assertThat(completed.events()).extracting(Event::id).containsExactly("a-1", "a-2", "a-3", "a-4");
        assertThat(completed.deferred()).extracting(Event::id).containsExactly("a-10", "b-3");
    }
}
