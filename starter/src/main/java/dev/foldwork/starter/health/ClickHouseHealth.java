package dev.foldwork.starter.health;

import dev.foldwork.clickhouse.ClickHouseDatabase;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Up when the ClickHouse server of the stores answers a query with its row (an empty answer is down). */
public final class ClickHouseHealth implements HealthIndicator {
    private final ClickHouseDatabase database;

    public ClickHouseHealth(ClickHouseDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        try {
            database.ping();
            return Health.up().withDetail("url", database.settings().url())
                    .withDetail("compressResponses", database.settings().compressResponses()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("url", database.settings().url()).withDetail("error", e.getMessage()).build();
        }
    }
}
