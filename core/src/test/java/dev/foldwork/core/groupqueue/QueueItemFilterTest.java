package dev.foldwork.core.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.InvalidIdException;
import org.junit.jupiter.api.Test;

/** Pipeline and projection filters read the Redis mode's group names (JobGroups' layout). */
class QueueItemFilterTest {
    private static final String FOLD = "t1:fold:trace:trace:t-1";
    private static final String GLOBAL_FOLD = "t1:fold:global_projections:billing_meter:acme";
    private static final String MAP = "t1:map:span_storage:42";
    private static final String REACTOR = "t1:reactor:trace_summary/alerts:43";
    private static final String REACTION_BY_JOB_ID = "t1:reactor:invoice-7";

    @Test
    void aPipelineMatchesItsFoldGroupsOnly() {
        QueueItemFilter trace = filter("trace", null);
        assertThat(trace.matches(FOLD, "")).isTrue();
        assertThat(trace.matches("t1:fold:billing:trace:t-1", "")).isFalse();
        assertThat(trace.matches("t1:map:trace:42", "")).as("a map named like the pipeline").isFalse();
        assertThat(filter("global_projections", null).matches(GLOBAL_FOLD, "")).isTrue();
    }

    @Test
    void aProjectionMatchesMapsReactorsOwnGroupsAndGlobalFolds() {
        assertThat(filter(null, "span_storage").matches(MAP, "")).isTrue();
        assertThat(filter(null, "trace_summary").matches(REACTOR, "")).isTrue();
        assertThat(filter(null, "alerts").matches(REACTOR, "")).as("the reactor is not a projection").isFalse();
        assertThat(filter(null, "billing_meter").matches(GLOBAL_FOLD, "")).isTrue();
        assertThat(filter(null, "trace").matches(FOLD, "")).as("a pipeline's fold group names no fold").isFalse();
        assertThat(filter(null, "invoice").matches(REACTION_BY_JOB_ID, "")).isFalse();
        assertThat(filter(null, "span_storage").matches("t1:map:span_storage_v2:42", "")).isFalse();
    }

    @Test
    void bothMustHoldWithTheOtherFields() {
        QueueItemFilter filter = new QueueItemFilter("t1", "fold", "trace", null, "t-1", "boom");
        assertThat(filter.matches(FOLD, "boom!")).isTrue();
        assertThat(filter.matches(FOLD, "fine")).isFalse();
        assertThat(filter.matches("t2:fold:trace:trace:t-1", "boom")).isFalse();
    }

    @Test
    void namesAreCheckedAndTheBadFieldNamed() {
        assertThatThrownBy(() -> filter("trace:*", null)).isInstanceOf(InvalidIdException.class).hasMessageStartingWith("pipeline ");
        assertThatThrownBy(() -> filter(null, "Span Storage")).isInstanceOf(InvalidIdException.class).hasMessageStartingWith("projection ");
    }

    private static QueueItemFilter filter(String pipeline, String projection) {
        return new QueueItemFilter(null, null, pipeline, projection, null, null);
    }
}
