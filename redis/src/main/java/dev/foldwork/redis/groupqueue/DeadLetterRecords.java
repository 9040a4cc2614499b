package dev.foldwork.redis.groupqueue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead letters as the queue keeps them, a JSON entry per job in the {@code dead} hash and the
 * {@code deadidx} index by time of death: read whole or by filtered pages for {@link
 * GroupQueueAdmin}, and trimmed to a retention. Retrying and discarding go through the scripts.
 */
final class DeadLetterRecords {
    private final QueueKeys keys;
    private final RedisCommands<String, String> redis;

    DeadLetterRecords(QueueKeys keys, RedisCommands<String, String> redis) {
        this.keys = keys;
        this.redis = redis;
    }

    /** Every dead letter, oldest first. */
    List<DeadJob> all() {
        List<String> ids = redis.zrange(keys.key("deadidx"), 0, -1);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<DeadJob> dead = new ArrayList<>(ids.size());
        var values = redis.hmget(keys.key("dead"), ids.toArray(String[]::new));
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i).hasValue()) {
                dead.add(deadJob(ids.get(i), values.get(i).getValue()));
            }
        }
        return dead;
    }

    /** As {@link GroupQueueAdmin#deadLetters(QueueItemFilter, int, String)}. */
    QueuePage<DeadJob> page(QueueItemFilter filter, int limit, String cursor) {
        String index = keys.key("deadidx");
        long from = cursor == null ? 0 : Long.parseLong(cursor);
        List<DeadJob> page = new ArrayList<>();
        long examined = 0;
        while (page.size() < limit && examined < GroupQueueAdmin.MAX_EXAMINED) {
            List<String> ids = redis.zrange(index, from, from + GroupQueueAdmin.PAGE_READ - 1);
            if (ids.isEmpty()) {
                return new QueuePage<>(page, null);
            }
            var values = redis.hmget(keys.key("dead"), ids.toArray(String[]::new));
            for (int i = 0; i < ids.size(); i++) {
                from++;
                examined++;
                if (values.get(i).hasValue()) {
                    DeadJob dead = deadJob(ids.get(i), values.get(i).getValue());
                    if (filter.matches(dead.group(), dead.error()) && page.size() < limit) {
                        page.add(dead);
                        if (page.size() == limit) {
                            break;
                        }
                    }
                }
            }
        }
        return new QueuePage<>(page, Long.toString(from));
    }

    /** As {@link GroupQueueAdmin#trimDeadLetters(int, Duration)}. */
    int trim(int maxCount, Duration maxAge) {
        String index = keys.key("deadidx");
        long now = RedisClock.nowMillis(redis);
        List<String> expired = new ArrayList<>(redis.zrangebyscore(index,
                Range.create(Double.NEGATIVE_INFINITY, (double) (now - maxAge.toMillis())), Limit.create(0, 1000)));
        long beyond = redis.zcard(index) - expired.size() - maxCount;
        if (beyond > 0) {
            expired.addAll(redis.zrange(index, expired.size(), expired.size() + Math.min(beyond, 1000) - 1));
        }
        if (expired.isEmpty()) {
            return 0;
        }
        String[] ids = expired.toArray(String[]::new);
        redis.hdel(keys.key("dead"), ids);
        redis.zrem(index, ids);
        return ids.length;
    }

    private static DeadJob deadJob(String id, String entry) {
        JsonNode json = Json.parse(entry);
        return new DeadJob(id, json.path("group").asText(), json.path("body").asText(),
                json.path("attempts").asInt(), json.path("error").asText(), json.path("at").asLong());
    }
}
