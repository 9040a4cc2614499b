package dev.foldwork.starter.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.redis.*}, used when {@code foldwork.dispatch=redis}.
 *
 * @param uri   the Redis server, such as {@code redis://127.0.0.1:6379}
 * @param queue the group queue's name; every key of it shares the hash tag {@code {queue}}
 */
@ConfigurationProperties("foldwork.redis")
public record RedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String uri,
        @DefaultValue("foldwork") String queue) {}
