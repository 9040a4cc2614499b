package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An operator's filter: every field given must hold, the names as the layer that named the group reads them. */
class QueueItemFilterTest {
    private static final String GROUP = "t1:fold:trace:trace:t-1";

    @Test
    void everyFieldGivenMustHold() {
        GroupNames tracePipeline = group -> group.startsWith("t1:fold:trace:");
        QueueItemFilter filter = new QueueItemFilter("t1", "fold", tracePipeline, "t-1", "boom");

        assertThat(filter.matches(GROUP, "boom!")).isTrue();
        assertThat(filter.matches(GROUP, "fine")).as("error text").isFalse();
        assertThat(filter.matches("t2:fold:trace:trace:t-1", "boom")).as("tenant").isFalse();
        assertThat(filter.matches("t1:fold:billing:trace:t-1", "boom")).as("names").isFalse();
        assertThat(QueueItemFilter.ANY.matches(GROUP, null)).isTrue();
    }
}
