package dev.foldwork.starter.config;

import dev.foldwork.core.service.redis.RedisStreamWriterOptions;
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
 */
@ConfigurationProperties("foldwork.redis")
public record RedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String uri,
        @DefaultValue("foldwork") String queue,
        @DefaultValue("24h") Duration seqCounterTtl,
        @DefaultValue("10s") Duration recoverWritesAfter) {

    RedisStreamWriterOptions writerOptions() {
        RedisStreamWriterOptions defaults = RedisStreamWriterOptions.defaults();
        return new RedisStreamWriterOptions(seqCounterTtl, recoverWritesAfter, defaults.recoveryLease(), defaults.recoveryInterval());
    }
}
