package dev.foldwork.redis.groupqueue;

import java.time.Duration;

/**
 * Settings of one queue client.
 *
 * @param concurrency      groups one process runs at once (each group's jobs run one at a time)
 * @param maxJobsPerClaim  consecutive jobs of one group taken in one claim, run in order
 * @param lease            how long a claimed group stays active without a renewal, on the queue's
 *                         lease clock (Redis time in which consumers reached Redis; see
 *                         ARCHITECTURE.md); a crashed worker's group runs again after this
 * @param tenantCap        groups of one tenant active at once over all processes (0: no cap)
 * @param maxBodyBytes     largest job body accepted
 * @param maxStageBatch    jobs staged in one script call at most
 * @param idlePoll         longest an idle consumer sleeps before looking again
 * @param maxClaimBytes    job bodies one claim reply carries at most (each claimed group gets at
 *                         least its head job, and the first group always comes)
 * @param maxStageBytes    job bodies one stage call carries at most when submissions are batched
 *                         (one submission is staged all or none, so it is never split)
 * @param deadLetterMaxCount dead letters kept at most; the oldest go first
 * @param deadLetterMaxAge   dead letters older than this are dropped
 * @param debounceMaxWaitFactor a debounced (dedup) job that keeps being staged again runs at the latest
 *                         this many delays after it was first staged, so a steady stream still gets a run
 * @param maxHeldHints     jobs a held-back group (parked, paused, or covered by a paused scope) takes
 *                         as hints at most ({@link StagedJob#hint}); further hints are shed, since
 *                         what they point at is in the event log, which the group reads when it runs again
 */
public record GroupQueueOptions(int concurrency, int maxJobsPerClaim, Duration lease, int tenantCap,
                                int maxBodyBytes, int maxStageBatch, Duration idlePoll, long maxClaimBytes,
                                long maxStageBytes, int deadLetterMaxCount, Duration deadLetterMaxAge,
                                int debounceMaxWaitFactor, int maxHeldHints) {
    public GroupQueueOptions {
        positive("concurrency", concurrency);
        positive("maxJobsPerClaim", maxJobsPerClaim);
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxStageBatch", maxStageBatch);
        positive("deadLetterMaxCount", deadLetterMaxCount);
        positive("debounceMaxWaitFactor", debounceMaxWaitFactor);
        positive("maxHeldHints", maxHeldHints);
        if (tenantCap < 0) {
            throw new IllegalArgumentException("tenantCap must not be negative, was " + tenantCap);
        }
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms, was " + lease);
        }
        if (maxClaimBytes < maxBodyBytes || maxStageBytes < maxBodyBytes) {
            throw new IllegalArgumentException("maxClaimBytes (" + maxClaimBytes + ") and maxStageBytes (" + maxStageBytes
                    + ") must be at least maxBodyBytes (" + maxBodyBytes + ")");
        }
        if (idlePoll.toMillis() < 1) {
            throw new IllegalArgumentException("idlePoll must be at least 1 ms, was " + idlePoll);
        }
    }

    public static GroupQueueOptions defaults() {
        return new GroupQueueOptions(100, 64, Duration.ofSeconds(30), 50, 1 << 20, 1000, Duration.ofSeconds(1),
                16L << 20, 8L << 20, 100_000, Duration.ofDays(14), 10, 1_000);
    }

    public GroupQueueOptions withConcurrency(int value) {
        return new GroupQueueOptions(value, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll, maxClaimBytes, maxStageBytes,
                deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withLease(Duration value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, value, tenantCap, maxBodyBytes, maxStageBatch, idlePoll, maxClaimBytes, maxStageBytes,
                deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withTenantCap(int value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, value, maxBodyBytes, maxStageBatch, idlePoll, maxClaimBytes, maxStageBytes,
                deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withMaxBodyBytes(int value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, value, maxStageBatch, idlePoll, maxClaimBytes, maxStageBytes,
                deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withMaxJobsPerClaim(int value) {
        return new GroupQueueOptions(concurrency, value, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll, maxClaimBytes, maxStageBytes,
                deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withMaxClaimBytes(long value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll,
                value, maxStageBytes, deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withDeadLetterRetention(int maxCount, Duration maxAge) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll,
                maxClaimBytes, maxStageBytes, maxCount, maxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withMaxStageBytes(long value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll,
                maxClaimBytes, value, deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, maxHeldHints);
    }

    public GroupQueueOptions withMaxHeldHints(int value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll,
                maxClaimBytes, maxStageBytes, deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor, value);
    }

    public GroupQueueOptions withDebounceMaxWaitFactor(int value) {
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, maxStageBatch, idlePoll,
                maxClaimBytes, maxStageBytes, deadLetterMaxCount, deadLetterMaxAge, value, maxHeldHints);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
