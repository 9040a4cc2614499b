package dev.foldwork.redis.groupqueue;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/** The Redis server's clock: the one time every process of a queue shares, whatever their own clocks say. */
final class RedisClock {
    private RedisClock() {}

    static long nowMillis(RedisCommands<String, String> redis) {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
