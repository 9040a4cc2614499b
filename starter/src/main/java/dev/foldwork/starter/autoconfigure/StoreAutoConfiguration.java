package dev.foldwork.starter.autoconfigure;

import dev.foldwork.clickhouse.ClickHouseAppendStore;
import dev.foldwork.clickhouse.ClickHouseDatabase;
import dev.foldwork.clickhouse.ClickHouseEventStore;
import dev.foldwork.clickhouse.ClickHouseFoldStore;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.starter.health.ClickHouseHealth;
import dev.foldwork.starter.metrics.MeteredFoldStore;
import dev.foldwork.starter.settings.ClickHouseProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The event, fold and append stores, chosen by {@code foldwork.store} (memory unless set). In the
 * memory mode an application's own bean of a store type takes that store's place.
 */
@AutoConfiguration
public class StoreAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "foldwork.store", havingValue = "memory", matchIfMissing = true)
    static class Memory {
        @Bean
        @ConditionalOnMissingBean
        EventStore eventStore() {
            return new MemoryEventStore();
        }

        @Bean
        @ConditionalOnMissingBean
        FoldStore foldStore(MeterRegistry meters) {
            return new MeteredFoldStore(new MemoryFoldStore(), meters, Clock.systemUTC());
        }

        @Bean
        @ConditionalOnMissingBean
        AppendStore appendStore() {
            return new MemoryAppendStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "foldwork.store", havingValue = "clickhouse")
    static class ClickHouse {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ClickHouseDatabase clickHouseDatabase(ClickHouseProperties properties) {
            return ClickHouseDatabase.open(properties.settings());
        }

        @Bean
        ClickHouseHealth clickHouseHealth(ClickHouseDatabase database) {
            return new ClickHouseHealth(database);
        }

        @Bean(destroyMethod = "close")
        ClickHouseEventStore eventStore(ClickHouseDatabase database) {
            return new ClickHouseEventStore(database);
        }

        @Bean(destroyMethod = "close")
        ClickHouseFoldStore clickHouseFoldStore(ClickHouseDatabase database) {
            return new ClickHouseFoldStore(database);
        }

        @Bean
        @Primary
        FoldStore foldStore(ClickHouseFoldStore store, MeterRegistry meters) {
            return new MeteredFoldStore(store, meters, Clock.systemUTC());
        }

        @Bean(destroyMethod = "close")
        ClickHouseAppendStore appendStore(ClickHouseDatabase database) {
            return new ClickHouseAppendStore(database);
        }
    }
}
