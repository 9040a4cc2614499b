package dev.foldwork.workflows.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.runtime.FoldGroupId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A group's signals go out in order, and none overtakes one that failed for good. */
class GroupSignalsTest {
    private static GroupSignals.Chunk chunk() {
        return new GroupSignals.Chunk(List.of(), 10, new CompletableFuture<>());
    }

    @Test
    void theChunksBehindASignalThatFailedForGoodFailTooAndTheGroupRetires() {
        GroupSignals group = new GroupSignals(new FoldGroupId(TenantId.of("t1"), "ledger", AggregateType.of("account"), "a1"));
        GroupSignals.Chunk first = chunk();
        GroupSignals.Chunk second = chunk();
        assertThat(group.offer(List.of(first))).isEqualTo(GroupSignals.Offer.START);
        assertThat(group.take(500, 1 << 20)).containsExactly(first); // in flight
        assertThat(group.offer(List.of(second))).isEqualTo(GroupSignals.Offer.QUEUED);

        group.failWaiting(new IllegalStateException("signal refused"));

        assertThat(second.accepted()).isCompletedExceptionally();
        assertThat(second.accepted().handle((ok, e) -> e.getMessage()).join()).contains("catch-up delivers these events");
        assertThat(group.offer(List.of(chunk()))).isEqualTo(GroupSignals.Offer.RETIRED);
    }
}
