package dev.foldwork.redis.groupqueue;

import java.util.List;

/**
 * What became of a claimed group: the jobs that completed (a prefix of the claimed ones) and,
 * if one failed, what to do with it. Jobs after a failed one were not run and stay queued.
 */
public record GroupOutcome(ClaimedGroup claim, List<String> doneIds, Failure failure) {
    public enum Action { RETRY, DEAD, PARK }

    /** The failed job, its failed attempts so far, the error, and (for RETRY) how long to wait. */
    public record Failure(String jobId, Action action, int attempts, String error, long retryDelayMillis) {}

    public GroupOutcome {
        doneIds = List.copyOf(doneIds);
    }

    public static GroupOutcome allDone(ClaimedGroup claim) {
        return new GroupOutcome(claim, claim.jobs().stream().map(ClaimedJob::id).toList(), null);
    }
}
