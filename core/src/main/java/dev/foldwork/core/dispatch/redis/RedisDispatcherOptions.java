package dev.foldwork.core.dispatch.redis;

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

    public static RedisDispatcherOptions defaults(ProcessRole role) {
        return new RedisDispatcherOptions(role,
                RetryPolicy.of(10, Duration.ofMillis(100)),
                RetryPolicy.of(5, Duration.ofMillis(100)),
                RetryPolicy.of(5, Duration.ofMillis(100)));
    }

    public RedisDispatcherOptions withRetries(RetryPolicy fold, RetryPolicy map, RetryPolicy reactor) {
        return new RedisDispatcherOptions(role, fold, map, reactor);
    }
}
