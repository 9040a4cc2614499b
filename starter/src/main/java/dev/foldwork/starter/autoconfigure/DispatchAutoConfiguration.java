package dev.foldwork.starter.autoconfigure;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.dispatch.memory.MemoryDispatch;
import dev.foldwork.core.dispatch.memory.MemoryDispatcher;
import dev.foldwork.core.dispatch.memory.MemoryDispatcherOptions;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.dispatch.RedisDispatch;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.writer.RedisDurability;
import dev.foldwork.starter.health.RedisHealth;
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

/**
 * The memory or Redis setup, as {@code foldwork.dispatch} chooses; the Temporal mode is
 * {@link TemporalAutoConfiguration}. Each builds the one {@link Foldwork} and exposes its
 * dispatcher, which the setup closes (hence no destroy method on the dispatcher beans).
 */
@AutoConfiguration
public class DispatchAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "foldwork.dispatch", havingValue = "memory")
    static class Memory {
        @Bean(destroyMethod = "close")
        Foldwork<MemoryDispatcher> foldwork(Foldwork.Builder<?> builder, FoldworkProperties properties,
                                            ObjectProvider<MemoryDispatcherOptions> options) {
            if (properties.role() != FoldworkProperties.Role.ALL) {
                throw new IllegalStateException("foldwork.dispatch=memory runs projections inside the web process, so it needs "
                        + "foldwork.role=all (was " + properties.role().name().toLowerCase() + "); use temporal or redis to split roles");
            }
            // a bean of options: tests' faster retries
            return builder.dispatch(new MemoryDispatch(options.getIfAvailable(MemoryDispatcherOptions::defaults))).build();
        }

        @Bean(destroyMethod = "")
        MemoryDispatcher memoryDispatcher(Foldwork<MemoryDispatcher> foldwork, MeterRegistry meters) {
            Gauge.builder("foldwork.dispatch.pending", foldwork.dispatcher(), MemoryDispatcher::pendingWork)
                    .description("fold, map and reactor work queued or running").register(meters);
            return foldwork.dispatcher();
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

        /**
         * Every process writes (web commands, worker reactors) through Redis-assigned seqs and
         * finishes the writes of a process that died between taking seqs and storing; a web
         * process only stages jobs, a worker (or all) also consumes them.
         */
        @Bean(destroyMethod = "close")
        Foldwork<RedisDispatcher> foldwork(Foldwork.Builder<?> builder, FoldworkProperties properties, RedisProperties redis,
                                           RedisClient client, MeterRegistry meters) {
            ProcessRole role = properties.role().runsWorker() ? ProcessRole.WORKER : ProcessRole.WEB;
            return builder.dispatch(new RedisDispatch(client, redis.queue(), redis.queueOptions(),
                    redis.dispatcherOptions(role), redis.writerOptions(), meters)).build();
        }

        @Bean(destroyMethod = "")
        RedisDispatcher redisDispatcher(Foldwork<RedisDispatcher> foldwork) {
            return foldwork.dispatcher();
        }
    }
}
