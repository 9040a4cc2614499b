package dev.foldwork.starter.settings;

import dev.foldwork.clickhouse.ClickHouseSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.clickhouse.*}: where the ClickHouse stores live and how they batch inserts
 * (used when {@code foldwork.store=clickhouse}). See {@link ClickHouseSettings} for each field.
 */
@ConfigurationProperties("foldwork.clickhouse")
public record ClickHouseProperties(
        @DefaultValue("http://127.0.0.1:8123") String url,
        @DefaultValue("default") String username,
        @DefaultValue("") String password,
        @DefaultValue("foldwork") String database,
        @DefaultValue("true") boolean compressResponses,
        @DefaultValue("10000") int batchRows,
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("30s") Duration maxWait) {

    public ClickHouseSettings settings() {
        return ClickHouseSettings.of(url)
                .withCredentials(username, password)
                .withDatabase(database)
                .withCompressResponses(compressResponses)
                .withBatching(batchRows, flushInterval, maxWait);
    }
}
