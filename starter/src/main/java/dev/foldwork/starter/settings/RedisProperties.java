package dev.foldwork.starter.settings;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.dispatch.RedisDispatcherOptions;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.writer.RedisStreamWriterOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.redis.*}, used when {@code foldwork.dispatch=redis}.
 *
 * @param uri                 the Redis server, such as {@code redis://127.0.0.1:6379}; it assigns
 *                            every stream's seqs, so it needs {@code appendonly yes} and
 *                            {@code appendfsync always}
 * @param queue               the group queue's name; every key of it (and of the stream writer)
 *                            shares the hash tag {@code {queue}}
 * @param seqCounterTtl       a stream's seq counter lives this long after its last write; the next
 *                            write seeds it from the event store
 * @param recoverWritesAfter  a write whose process did not store it within this time (it died or
 *                            stalls) is stored and dispatched by another process
 * @param concurrency         groups one worker process runs at once
 * @param tenantCap           groups of one tenant active at once over all processes (0: no cap)
 * @param lease               how long a claimed group stays with a worker that stopped renewing it
 * @param maxJobsPerClaim     consecutive jobs of one group taken per turn
 * @param maxAttempts         attempts of a failing job before it is dead-lettered (fold jobs: park their group)
 * @param backoffBase         wait after the first failure; it doubles after each further one
 * @param backoffCap          the longest wait between attempts
 * @param maxBodyBytes        largest job body
 * @param maxClaimBytes       job bodies one claim reply carries at most
 * @param maxStageBytes       job bodies one batched stage call carries at most
 * @param deadLetterMaxCount  dead letters kept at most (oldest dropped first)
 * @param deadLetterMaxAge    dead letters older than this are dropped
 * @param debounceMaxWaitFactor a debounced reaction that keeps being staged again runs at the latest
 *                            this many of its delays after it was first staged (at least 1)
 * @param maxHeldHints        fold jobs a parked or paused fold group keeps at most; further ones
 *                            are shed, and the group reads their events from the event store when
 *                            it runs again
 */
@ConfigurationProperties("foldwork.redis")
public record RedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String uri,
        @DefaultValue("foldwork") String queue,
        @DefaultValue("24h") Duration seqCounterTtl,
        @DefaultValue("10s") Duration recoverWritesAfter,
        @DefaultValue("100") int concurrency,
        @DefaultValue("50") int tenantCap,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("64") int maxJobsPerClaim,
        @DefaultValue("25") int maxAttempts,
        @DefaultValue("500ms") Duration backoffBase,
        @DefaultValue("10m") Duration backoffCap,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("16777216") long maxClaimBytes,
        @DefaultValue("8388608") long maxStageBytes,
        @DefaultValue("100000") int deadLetterMaxCount,
        @DefaultValue("14d") Duration deadLetterMaxAge,
        @DefaultValue("10") int debounceMaxWaitFactor,
        @DefaultValue("1000") int maxHeldHints) {

    /** The group queue's settings; the ones without a property keep {@link GroupQueueOptions#defaults()}. */
    public GroupQueueOptions queueOptions() {
        GroupQueueOptions defaults = GroupQueueOptions.defaults();
        return new GroupQueueOptions(concurrency, maxJobsPerClaim, lease, tenantCap, maxBodyBytes, defaults.maxStageBatch(),
                defaults.idlePoll(), maxClaimBytes, maxStageBytes, deadLetterMaxCount, deadLetterMaxAge, debounceMaxWaitFactor,
                maxHeldHints);
    }

    /** Every kind of job retries alike: {@code maxAttempts}, doubling from {@code backoffBase} up to {@code backoffCap}. */
    public RedisDispatcherOptions dispatcherOptions(ProcessRole role) {
        RetryPolicy retry = new RetryPolicy(maxAttempts, backoffBase, 2.0, backoffCap);
        return new RedisDispatcherOptions(role, retry, retry, retry);
    }

    public RedisStreamWriterOptions writerOptions() {
        RedisStreamWriterOptions defaults = RedisStreamWriterOptions.defaults();
        return new RedisStreamWriterOptions(seqCounterTtl, recoverWritesAfter, defaults.recoveryLease(), defaults.recoveryInterval());
    }
}
