package dev.foldwork.redis.groupqueue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parked groups as the queue keeps them, a JSON entry per group in the {@code parked} hash:
 * read whole, one at a time, or by filtered pages for {@link GroupQueueAdmin}. Changes to them go
 * through the scripts.
 */
final class ParkedGroupRecords {
    private final QueueKeys keys;
    private final RedisCommands<String, String> redis;
    private final JobBodies bodies;

    ParkedGroupRecords(QueueKeys keys, RedisCommands<String, String> redis, JobBodies bodies) {
        this.keys = keys;
        this.redis = redis;
        this.bodies = bodies;
    }

    List<ParkedGroup> all() {
        List<ParkedGroup> parked = new ArrayList<>();
        for (Map.Entry<String, String> entry : redis.hgetall(keys.key("parked")).entrySet()) {
            parked.add(parkedGroup(entry.getKey(), entry.getValue()));
        }
        return parked;
    }

    Optional<ParkedGroup> one(String group) {
        String parked = redis.hget(keys.key("parked"), QueueKeys.checkGroup(group));
        return parked == null ? Optional.empty() : Optional.of(parkedGroup(group, parked));
    }

    /** The body of the job the group stopped at; empty if the group is not parked. */
    Optional<String> jobBody(String group) {
        String parked = redis.hget(keys.key("parked"), QueueKeys.checkGroup(group));
        if (parked == null) {
            return Optional.empty();
        }
        String job = Json.parse(parked).path("job").asText();
        return Optional.ofNullable(bodies.resolve(job, redis.hget(keys.key("jobs"), job)));
    }

    /** As {@link GroupQueueAdmin#parkedGroups(QueueItemFilter, int, String)}. */
    QueuePage<ParkedGroup> page(QueueItemFilter filter, int limit, String cursor) {
        List<String> names = names().stream()
                .filter(name -> cursor == null || name.compareTo(cursor) > 0).sorted().toList();
        List<ParkedGroup> page = new ArrayList<>();
        int read = 0;
        while (read < names.size() && page.size() < limit) {
            List<String> batch = names.subList(read, Math.min(names.size(), read + GroupQueueAdmin.PAGE_READ));
            var values = redis.hmget(keys.key("parked"), batch.toArray(String[]::new));
            for (int i = 0; i < batch.size() && page.size() < limit; i++) {
                read++;
                if (values.get(i).hasValue()) { // unparked since the scan
                    ParkedGroup parked = parkedGroup(batch.get(i), values.get(i).getValue());
                    if (filter.matches(parked.group(), parked.error())) {
                        page.add(parked);
                    }
                }
            }
        }
        return new QueuePage<>(page, read < names.size() ? page.get(page.size() - 1).group() : null);
    }

    /** The names of the first {@link GroupQueueAdmin#MAX_EXAMINED} parked groups a scan finds. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            MapScanCursor<String, String> page = redis.hscan(keys.key("parked"), cursor,
                    ScanArgs.Builder.limit(GroupQueueAdmin.PAGE_READ));
            names.addAll(page.getMap().keySet());
            cursor = page;
        } while (!cursor.isFinished() && names.size() < GroupQueueAdmin.MAX_EXAMINED);
        return names;
    }

    private static ParkedGroup parkedGroup(String group, String entry) {
        JsonNode json = Json.parse(entry);
        return new ParkedGroup(group, json.path("job").asText(), json.path("attempts").asInt(),
                json.path("error").asText(), json.path("at").asLong());
    }
}
