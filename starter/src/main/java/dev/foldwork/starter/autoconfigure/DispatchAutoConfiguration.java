package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.core.runtime.EventRouter;
import dev.foldwork.core.runtime.FoldExecutor;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.core.runtime.ReactorExecutor;
import dev.foldwork.core.stores.AppendStore;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueMetrics;
import dev.foldwork.redis.writer.PendingWriteRecovery;
import dev.foldwork.redis.writer.RedisDurability;
import dev.foldwork.redis.writer.RedisStreamWriter;
import dev.foldwork.starter.health.RedisHealth;
import dev.foldwork.starter.metrics.MeteredDispatcher;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.RedisProperties;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The memory or Redis dispatcher, as {@code foldwork.dispatch} chooses; the Temporal mode is {@link TemporalAutoConfiguration}. */
@AutoConfiguration
public class DispatchAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "foldwork.dispatch", havingValue = "memory")
    static class Memory {
        @Bean(destroyMethod = "close")
        MemoryDispatcher memoryDispatcher(FoldworkProperties properties, EventRouter router, EventStore events, FoldStore folds,
                                          AppendStore records, ReactorExecutor reactors, MeterRegistry meters,
                                          ObjectProvider<MemoryDispatcherOptions> options) {
            if (properties.role() != FoldworkProperties.Role.ALL) {
                throw new IllegalStateException("foldwork.dispatch=memory runs projections inside the web process, so it needs "
                        + "foldwork.role=all (was " + properties.role().name().toLowerCase() + "); use temporal or redis to split roles");
            }
            MapExecutor maps = new MapExecutor(router, records);
            MemoryDispatcher dispatcher = new MemoryDispatcher(router, new FoldExecutor(router, events, folds, maps), maps,
                    reactors, options.getIfAvailable(MemoryDispatcherOptions::defaults)); // a bean of options: tests' faster retries
            Gauge.builder("foldwork.dispatch.pending", dispatcher, MemoryDispatcher::pendingWork)
                    .description("fold, map and reactor work queued or running").register(meters);
            return dispatcher;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "foldwork.dispatch", havingValue = "redis")
    static class Redis {
        private static final Logger log = LoggerFactory.getLogger(Redis.class);

        @Bean(destroyMethod = "shutdown")
        @ConditionalOnMissingBean
        RedisClient redisClient(RedisProperties properties) {
            RedisClient client = RedisClient.create(properties.uri());
            RedisDurability.warning(client).ifPresent(log::warn);
            return client;
        }

        @Bean
        RedisHealth redisHealth(RedisClient client, RedisProperties properties) {
            return new RedisHealth(client, properties.uri());
        }

        /** A web process only stages jobs; a worker (or all) also consumes them. */
        @Bean(destroyMethod = "close")
        RedisDispatcher redisDispatcher(FoldworkProperties properties, RedisProperties redis, RedisClient client,
                                        EventRouter router, EventStore events, FoldStore folds, AppendStore records,
                                        ReactorExecutor reactors,
                                        MeterRegistry meters) {
            GroupQueue queue = GroupQueue.open(client, redis.queue(), redis.queueOptions(),
                    new GroupQueueMetrics(meters, redis.queue()));
            ProcessRole role = properties.role().runsWorker() ? ProcessRole.WORKER : ProcessRole.WEB;
            MapExecutor maps = new MapExecutor(router, records);
            return new RedisDispatcher(queue, router, new FoldExecutor(router, events, folds, maps), maps, reactors,
                    redis.dispatcherOptions(role));
        }

        /** Every process writes (web commands, worker reactors) through Redis-assigned seqs; see {@link RedisStreamWriter}. */
        @Bean(destroyMethod = "close")
        RedisStreamWriter redisStreamWriter(RedisProperties redis, RedisClient client, EventStore events,
                                            RedisDispatcher dispatcher, MeterRegistry meters) {
            return new RedisStreamWriter(client, redis.queue(), events, new MeteredDispatcher(dispatcher, meters),
                    redis.writerOptions());
        }

        /** Every process finishes the writes of a process that died between taking seqs and storing. */
        @Bean(destroyMethod = "close")
        PendingWriteRecovery pendingWriteRecovery(RedisStreamWriter writer) {
            return writer.recovery().start();
        }
    }
}
