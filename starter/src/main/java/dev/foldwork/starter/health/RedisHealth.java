package dev.foldwork.starter.health;

import io.lettuce.core.RedisClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Up when the group queue's Redis answers PING. */
public final class RedisHealth implements HealthIndicator {
    private final RedisClient client;
    private final String uri;

    public RedisHealth(RedisClient client, String uri) {
        this.client = client;
        this.uri = uri;
    }

    @Override
    public Health health() {
        try (var connection = client.connect()) {
            return Health.up().withDetail("uri", uri).withDetail("ping", connection.sync().ping()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("uri", uri).withDetail("error", e.getMessage()).build();
        }
    }
}
