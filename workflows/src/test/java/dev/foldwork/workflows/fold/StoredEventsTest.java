package dev.foldwork.workflows.fold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.workflows.SeqRanges;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StoredEventsTest {
    private static final StreamId A = new StreamId(TenantId.of("acme"), AggregateType.of("account"), "a");
    private static final StreamId B = new StreamId(TenantId.of("acme"), AggregateType.of("account"), "b");
    private static final StreamId C = new StreamId(TenantId.of("acme"), AggregateType.of("account"), "c");

    @Test
    void rangesOfOneStreamThatTouchMergeAndOthersStayApart() {
        StoredEvents stored = new StoredEvents();
        stored.add(List.of(new SeqRange(A, 1, 1), new SeqRange(B, 4, 4), new SeqRange(A, 2, 3)));
        stored.add(List.of(new SeqRange(A, 5, 5), new SeqRange(A, 4, 4), new SeqRange(A, 2, 2)));

        assertThat(stored.ranges()).containsExactly(new SeqRange(A, 1, 5), new SeqRange(B, 4, 4));
    }

    @Test
    void aPageReadForgetsWhatItReturnedAndKeepsTheRestOfARangeItCutShort() {
        StoredEvents stored = new StoredEvents();
        stored.add(List.of(new SeqRange(A, 1, 5), new SeqRange(B, 4, 4)));
        List<SeqRange> asked = stored.ranges();

        stored.read(asked, new GapFiller.ReadPage(List.of(event(A, 1), event(A, 2)), 1));
        assertThat(stored.ranges()).containsExactly(new SeqRange(A, 3, 5), new SeqRange(B, 4, 4));

        asked = stored.ranges();
        stored.read(asked, new GapFiller.ReadPage(List.of(event(A, 3), event(A, 4), event(A, 5), event(B, 4)), 2));
        assertThat(stored.isEmpty()).isTrue();
    }

    @Test
    void aMergeKeepsTheSlotOfTheFirstRangeItTouchedAndDropsTheOthersItReached() {
        StoredEvents stored = new StoredEvents();
        stored.add(List.of(new SeqRange(A, 1, 2), new SeqRange(B, 1, 1), new SeqRange(A, 6, 7), new SeqRange(C, 1, 1)));
        stored.add(List.of(new SeqRange(A, 3, 5), new SeqRange(B, 3, 3)));

        // the order replayed runs recorded: a page read answers for the first ranges asked
        assertThat(stored.ranges()).containsExactly(new SeqRange(A, 1, 7), new SeqRange(B, 1, 1), new SeqRange(C, 1, 1),
                new SeqRange(B, 3, 3));
    }

    @Test
    void aRangeCutShortKeepsItsRestWhenAnEarlierRangeOfItsStreamReadHigherSeqs() {
        StoredEvents stored = new StoredEvents();
        stored.add(List.of(new SeqRange(A, 20, 21), new SeqRange(A, 1, 5)));
        List<SeqRange> asked = stored.ranges();

        stored.read(asked, new GapFiller.ReadPage(List.of(event(A, 20), event(A, 21), event(A, 1), event(A, 2)), 2));

        assertThat(stored.ranges()).containsExactly(new SeqRange(A, 3, 5));
    }

    @Test
    void aRangeThatGrewWhileItWasReadIsKeptWhole() {
        StoredEvents stored = new StoredEvents();
        stored.add(List.of(new SeqRange(A, 1, 2), new SeqRange(B, 1, 1)));
        List<SeqRange> asked = stored.ranges();
        stored.add(List.of(new SeqRange(A, 3, 4))); // a signal handled while the page was read

        stored.read(asked, new GapFiller.ReadPage(List.of(event(A, 1), event(A, 2), event(B, 1)), 2));

        assertThat(stored.ranges()).containsExactly(new SeqRange(A, 1, 4));
    }

    @Test
    void thousandsOfStreamsAreAddedAndReadInOrder() {
        StoredEvents stored = new StoredEvents();
        List<StreamId> streams = IntStream.range(0, 5_000)
                .mapToObj(i -> new StreamId(TenantId.of("acme"), AggregateType.of("account"), "s" + i)).toList();
        streams.forEach(stream -> stored.add(List.of(new SeqRange(stream, 1, 1))));
        streams.forEach(stream -> stored.add(List.of(new SeqRange(stream, 2, 2))));
        assertThat(stored.ranges()).containsExactlyElementsOf(streams.stream().map(stream -> new SeqRange(stream, 1, 2)).toList());

        for (int page = 0; !stored.isEmpty(); page++) {
            List<SeqRange> asked = stored.ranges();
            assertThat(asked.get(0).stream()).isEqualTo(streams.get(page * 250));
            List<Event> read = asked.subList(0, 250).stream()
                    .flatMap(range -> Stream.of(event(range.stream(), 1), event(range.stream(), 2))).toList();
            stored.read(asked, new GapFiller.ReadPage(read, 250));
        }
    }

    @Test
    void aLargeBatchBecomesOneRangePerRunOfConsecutiveSeqs() {
        assertThat(SeqRanges.of(List.of(event(A, 3), event(A, 4), event(B, 1), event(A, 5), event(A, 7))))
                .containsExactly(new SeqRange(A, 3, 4), new SeqRange(B, 1, 1), new SeqRange(A, 5, 5), new SeqRange(A, 7, 7));
    }

    private static Event event(StreamId stream, long seq) {
        return new Event(stream.aggregateId() + "-" + seq, stream.tenantId(), stream.aggregateType(), stream.aggregateId(), seq,
                1_700_000_000_000L, "EntryRecorded", 1, Json.object());
    }
}
