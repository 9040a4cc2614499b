package dev.foldwork.redis.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.InvalidIdException;
import dev.foldwork.redis.groupqueue.GroupNames;
import org.junit.jupiter.api.Test;

/** Operators' pipeline and projection filters read the Redis mode's group names (JobGroups' layout). */
class JobGroupsNamingTest {
    private static final String FOLD = "t1:fold:trace:trace:t-1";
    private static final String GLOBAL_FOLD = "t1:fold:global_projections:billing_meter:acme";
    private static final String MAP = "t1:map:span_storage:42";
    private static final String REACTOR = "t1:reactor:trace_summary/alerts:43";
    private static final String REACTION_BY_JOB_ID = "t1:reactor:invoice-7";

    @Test
    void aPipelineMatchesItsFoldGroupsOnly() {
        GroupNames trace = filter("trace", null);
        assertThat(trace.match(FOLD)).isTrue();
        assertThat(trace.match("t1:fold:billing:trace:t-1")).isFalse();
        assertThat(trace.match("t1:map:trace:42")).as("a map named like the pipeline").isFalse();
        assertThat(filter("global_projections", null).match(GLOBAL_FOLD)).isTrue();
    }

    @Test
    void aProjectionMatchesMapsReactorsOwnGroupsAndGlobalFolds() {
        assertThat(filter(null, "span_storage").match(MAP)).isTrue();
        assertThat(filter(null, "trace_summary").match(REACTOR)).isTrue();
        assertThat(filter(null, "alerts").match(REACTOR)).as("the reactor is not a projection").isFalse();
        assertThat(filter(null, "billing_meter").match(GLOBAL_FOLD)).isTrue();
        assertThat(filter(null, "trace").match(FOLD)).as("a pipeline's fold group names no fold").isFalse();
        assertThat(filter(null, "invoice").match(REACTION_BY_JOB_ID)).isFalse();
        assertThat(filter(null, "span_storage").match("t1:map:span_storage_v2:42")).isFalse();
    }

    @Test
    void aPipelineAndAProjectionMustBothHold() {
        assertThat(filter("global_projections", "billing_meter").match(GLOBAL_FOLD)).isTrue();
        assertThat(filter("global_projections", "sdk_usage").match(GLOBAL_FOLD)).isFalse();
        assertThat(filter("trace", "billing_meter").match(GLOBAL_FOLD)).isFalse();
        assertThat(filter(null, null)).isSameAs(GroupNames.ANY);
    }

    @Test
    void namesAreCheckedAndTheBadFieldNamed() {
        assertThatThrownBy(() -> filter("trace:*", null)).isInstanceOf(InvalidIdException.class).hasMessageStartingWith("pipeline ");
        assertThatThrownBy(() -> filter(null, "Span Storage")).isInstanceOf(InvalidIdException.class).hasMessageStartingWith("projection ");
    }

    private static GroupNames filter(String pipeline, String projection) {
        return JobGroups.naming(pipeline, projection);
    }
}
