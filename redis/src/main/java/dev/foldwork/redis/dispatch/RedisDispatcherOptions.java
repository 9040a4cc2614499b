package dev.foldwork.redis.dispatch;

import dev.foldwork.core.dispatch.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis dispatch mode. After its last attempt a fold job parks its group (order
 * must not break); map and reactor jobs go to the dead letters.
 */
public record RedisDispatcherOptions(ProcessRole role, RetryPolicy foldRetry, RetryPolicy mapRetry, RetryPolicy reactorRetry) {
    public RedisDispatcherOptions {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(foldRetry, "foldRetry");
        Objects.requireNonNull(mapRetry, "mapRetry");
        Objects.requireNonNull(reactorRetry, "reactorRetry");
    }

    /**
     * 25 attempts, 500 ms doubling up to 10 minutes between them (about 2.5 hours in all), for
     * every kind of job: an outage of the store or a downstream of that length parks or
     * dead-letters nothing.
     */
    public static RedisDispatcherOptions defaults(ProcessRole role) {
        RetryPolicy retry = new RetryPolicy(25, Duration.ofMillis(500), 2.0, Duration.ofMinutes(10));
        return new RedisDispatcherOptions(role, retry, retry, retry);
    }

    public RedisDispatcherOptions withRetries(RetryPolicy fold, RetryPolicy map, RetryPolicy reactor) {
        return new RedisDispatcherOptions(role, fold, map, reactor);
    }
}
