package dev.foldwork.redis.writer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the Redis that assigns seqs keeps every acknowledged write across a crash. With less
 * than {@code appendonly yes} and {@code appendfsync always}, a crash loses the last staged jobs
 * (catch-up projects their events later) and brings counters back behind the store (the writer
 * checks them against the store after a restart).
 */
public final class RedisDurability {
    private RedisDurability() {}

    /** A warning to log when the server says it may lose acknowledged writes; empty if it keeps them or will not say. */
    public static Optional<String> warning(RedisClient client) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            Map<String, String> config = connection.sync().configGet("appendonly", "appendfsync");
            String appendonly = config.getOrDefault("appendonly", "?");
            String appendfsync = config.getOrDefault("appendfsync", "?");
            if (appendonly.equals("yes") && appendfsync.equals("always")) {
                return Optional.empty();
            }
            return Optional.of("Redis runs with appendonly " + appendonly + " and appendfsync " + appendfsync
                    + ": a Redis crash can lose the last staged jobs, whose events then wait for catch-up to be projected;"
                    + " set appendonly yes and appendfsync always on the Redis of foldwork.redis.uri");
        } catch (RuntimeException e) {
            return Optional.empty(); // CONFIG may be disabled (managed Redis); nothing to check then
        }
    }
}
