package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Settings that would break the queue are refused when the options are built. */
class GroupQueueOptionsTest {
    @Test
    void theDebounceMaxWaitFactorIsTenByDefaultAndAtLeastOne() {
        assertThat(GroupQueueOptions.defaults().debounceMaxWaitFactor()).isEqualTo(10);
        assertThat(GroupQueueOptions.defaults().withDebounceMaxWaitFactor(1).debounceMaxWaitFactor()).isEqualTo(1);
        assertThatThrownBy(() -> GroupQueueOptions.defaults().withDebounceMaxWaitFactor(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("debounceMaxWaitFactor must be at least 1, was 0");
    }
}
