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
import org.junit.jupiter.api.Test;

class StoredEventsTest {
    private static final StreamId A = new StreamId(TenantId.of("acme"), AggregateType.of("account"), "a");
    private static final StreamId B = new StreamId(TenantId.of("acme"), AggregateType.of("account"), "b");

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
    void aLargeBatchBecomesOneRangePerRunOfConsecutiveSeqs() {
        assertThat(SeqRanges.of(List.of(event(A, 3), event(A, 4), event(B, 1), event(A, 5), event(A, 7))))
                .containsExactly(new SeqRange(A, 3, 4), new SeqRange(B, 1, 1), new SeqRange(A, 5, 5), new SeqRange(A, 7, 7));
    }

    private static Event event(StreamId stream, long seq) {
        return new Event(stream.aggregateId() + "-" + seq, stream.tenantId(), stream.aggregateType(), stream.aggregateId(), seq,
                1_700_000_000_000L, "EntryRecorded", 1, Json.object());
    }
}
