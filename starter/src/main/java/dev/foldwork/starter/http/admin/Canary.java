package dev.foldwork.starter.http.admin;

import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin.JobState;
import dev.foldwork.redis.groupqueue.ParkedGroup;
import dev.foldwork.starter.problem.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The first item of a bulk retry, sent alone: the rest follow only once it ran through. If it
 * fails again, or has not finished within the timeout, the request ends with 409 and the rest
 * stay as they were.
 */
final class Canary {
    /** What became of the canary; {@link #NONE} when none was asked for. */
    record Outcome(String item, boolean succeeded) {
        Map<String, Object> describe() {
            return item == null ? Map.of() : Map.of("item", item, "outcome", "completed");
        }
    }

    static final Outcome NONE = new Outcome(null, false);
    private static final long POLL_MILLIS = 100;

    private Canary() {}

    static Outcome retryDeadLetter(GroupQueueAdmin admin, String id, Duration timeout) {
        String job = admin.retryDeadLetterAsJob(id)
                .orElseThrow(() -> new ApiException.CanaryFailed("dead letter " + id + " is gone (retried or discarded meanwhile)"));
        JobState state = awaitNot(JobState.QUEUED, () -> admin.jobState(job), timeout);
        return judge("dead letter " + id + " (now job " + job + ")", state, timeout);
    }

    static Outcome retryParked(GroupQueueAdmin admin, ParkedGroup group, Duration timeout) {
        String job = group.jobId();
        if (!admin.retryParked(group.group())) {
            throw new ApiException.CanaryFailed("group " + group.group() + " is no longer parked");
        }
        Supplier<JobState> state = () -> admin.parkedJobBody(group.group()).isPresent() ? JobState.DEAD : admin.jobState(job);
        return judge("parked group " + group.group(), awaitNot(JobState.QUEUED, state, timeout), timeout);
    }

    /** A retry whose outcome comes as a future: true once it ran through, false when it parked again. */
    static Outcome await(String item, CompletableFuture<Boolean> outcome, Duration timeout) {
        JobState state;
        try {
            state = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS) ? JobState.COMPLETED : JobState.DEAD;
        } catch (TimeoutException e) {
            state = JobState.QUEUED;
        } catch (ExecutionException e) {
            state = JobState.DEAD;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = JobState.QUEUED;
        }
        return judge(item, state, timeout);
    }

    /** A retry whose state is polled until it is no longer {@link JobState#QUEUED}. */
    static Outcome await(String item, Supplier<JobState> state, Duration timeout) {
        return judge(item, awaitNot(JobState.QUEUED, state, timeout), timeout);
    }

    private static Outcome judge(String item, JobState state, Duration timeout) {
        return switch (state) {
            case COMPLETED -> new Outcome(item, true);
            case DEAD -> throw new ApiException.CanaryFailed("the canary, " + item + ", failed again; nothing else was retried");
            case QUEUED -> throw new ApiException.CanaryFailed("the canary, " + item + ", did not finish within "
                    + timeout.toSeconds() + " s; nothing else was retried");
        };
    }

    private static JobState awaitNot(JobState waiting, Supplier<JobState> state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobState now = state.get();
        while (now == waiting && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS); // an operator's request waiting on a worker; nothing to be woken by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = state.get();
        }
        return now;
    }
}
