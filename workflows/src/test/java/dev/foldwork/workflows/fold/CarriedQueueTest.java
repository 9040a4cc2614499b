package dev.foldwork.workflows.fold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.workflows.PayloadSize;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarriedQueueTest {
    private static Event event(String stream, long seq) {
        return new Event(stream + "-" + seq, TenantId.of("t"), AggregateType.of("account"), stream, seq, seq, "EntryRecorded", 1,
                Json.object().put("n", seq));
    }

    @Test
    void aQueueThatFitsIsCarriedWhole() {
        List<Event> queue = List.of(event("a", 1), event("b", 1), event("a", 2));
        assertThat(CarriedQueue.trim(queue, 10, 1 << 20)).containsExactlyElementsOf(queue);
    }

    @Test
    void aLargerQueueKeepsItsHeadAndEachStreamsLastEventInSeqOrder() {
        List<Event> queue = new ArrayList<>();
        for (long seq = 1; seq <= 50; seq++) {
            queue.add(event("a", seq));
            queue.add(event("b", seq));
        }
        queue.add(event("c", 7));

        List<Event> carried = CarriedQueue.trim(queue, 10, 1 << 20);

        assertThat(carried).hasSize(10);
        assertThat(carried).contains(event("a", 50), event("b", 50), event("c", 7));
        assertThat(carried.subList(0, 7)).containsExactlyElementsOf(queue.subList(0, 7));
        for (String stream : List.of("a", "b")) {
            List<Long> seqs = carried.stream().filter(e -> e.aggregateId().equals(stream)).map(Event::seq).toList();
            assertThat(seqs).as(stream + " in seq order").isSorted();
        }
        assertThat(PayloadSize.of(CarriedQueue.trim(queue, 1_000, 2_000))).isLessThanOrEqualTo(2_000);
    }
}
