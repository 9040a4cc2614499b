package dev.foldwork.redis.groupqueue;

import dev.foldwork.core.dispatch.RetryPolicy;

/** What a consumer does with the jobs it claims. */
public interface JobHandler {
    /**
     * How far a run got: the first {@code completed} jobs ran. If {@code error} is set the next
     * job failed; if not, the jobs after the completed ones were not run and wait for the
     * group's next turn.
     */
    record GroupRun(int completed, Exception error) {
        public static GroupRun all(ClaimedGroup claim) {
            return new GroupRun(claim.jobs().size(), null);
        }
    }

    /** How a failed job is retried, and where it goes after its last attempt (DEAD or PARK). */
    record FailureRule(RetryPolicy policy, GroupOutcome.Action whenExhausted) {
        public FailureRule {
            if (whenExhausted == GroupOutcome.Action.RETRY) {
                throw new IllegalArgumentException("after the last attempt a job is dead-lettered or parks its group");
            }
        }
    }

    /** Runs a claimed group's jobs (or the first of them) in order, stopping at the first that fails. */
    GroupRun run(ClaimedGroup claim);

    FailureRule failureRule(ClaimedJob job);

    /** The kind of job a group holds, for metrics tags: a handful of values, never an id. */
    default String kind(String group) {
        return "job";
    }
}
