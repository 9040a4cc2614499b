package dev.foldwork.redis.writer;

import java.time.Duration;

/**
 * Settings of the Redis stream writer.
 *
 * @param counterTtl       a stream's seq counter lives this long after its last write, then the
 *                         next write seeds it from the event store again (memory: one key per
 *                         stream written within this time)
 * @param recoverAfter     a write whose writer has not finished it within this time is stored and
 *                         dispatched by a recovery loop instead
 * @param recoveryLease    how long one recoverer holds a write it claimed before another may
 * @param recoveryInterval how often each process looks for writes to recover
 */
public record RedisStreamWriterOptions(Duration counterTtl, Duration recoverAfter, Duration recoveryLease,
                                       Duration recoveryInterval) {
    public RedisStreamWriterOptions {
        for (Duration d : new Duration[] {counterTtl, recoverAfter, recoveryLease, recoveryInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("stream writer durations must be positive, was " + d);
            }
        }
        if (counterTtl.compareTo(recoverAfter.plus(recoveryLease).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("counterTtl (" + counterTtl + ") must be at least twice recoverAfter plus "
                    + "recoveryLease (" + recoverAfter.plus(recoveryLease) + "): a counter is reseeded only when no write of "
                    + "its stream is pending, so a shorter one would refuse new streams while a write waits for recovery");
        }
    }

    public static RedisStreamWriterOptions defaults() {
        return new RedisStreamWriterOptions(Duration.ofHours(24), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(1));
    }
}
