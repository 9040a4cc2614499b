package dev.foldwork.core.groupqueue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.groupqueue.GroupQueueScripts.Script;
import dev.foldwork.core.json.Json;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's view of a queue: pause and resume a group; list, retry and skip parked groups;
 * list, retry and discard dead letters; a snapshot of its size. Every change runs in a script,
 * so it keeps the queue's invariants while workers run.
 */
public final class GroupQueueAdmin {
    /** The queue as a whole at one moment. */
    public record Snapshot(long depth, long readyGroups, long activeGroups, long parkedGroups, long deadLetters,
                           long oldestReadyAgeMillis) {}

    private final GroupQueue queue;
    private final RedisCommands<String, String> redis;

    public GroupQueueAdmin(GroupQueue queue) {
        this.queue = queue;
        this.redis = queue.connection().sync();
    }

    /** Stops the group after its running jobs; its jobs wait, in order. */
    public void pause(String group) {
        queue.controlScript(Script.PAUSE, QueueKeys.checkGroup(group), "pause");
    }

    public void resume(String group) {
        queue.controlScript(Script.PAUSE, QueueKeys.checkGroup(group), "resume");
    }

    public List<ParkedGroup> parkedGroups() {
        List<ParkedGroup> parked = new ArrayList<>();
        for (Map.Entry<String, String> entry : redis.hgetall(queue.keys().key("parked")).entrySet()) {
            JsonNode json = Json.parse(entry.getValue());
            parked.add(new ParkedGroup(entry.getKey(), json.path("job").asText(), json.path("attempts").asInt(),
                    json.path("error").asText(), json.path("at").asLong()));
        }
        return parked;
    }

    /** Runs the parked group's failed job again, with fresh attempts. False if it was not parked. */
    public boolean retryParked(String group) {
        return queue.controlScript(Script.PARKED, QueueKeys.checkGroup(group), "retry") == 1;
    }

    /** The body of the job a parked group stopped at; empty if the group is not parked. */
    public Optional<String> parkedJobBody(String group) {
        String parked = redis.hget(queue.keys().key("parked"), QueueKeys.checkGroup(group));
        if (parked == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.hget(queue.keys().key("jobs"), Json.parse(parked).path("job").asText()));
    }

    /** Moves the parked group's failed job to the dead letters and lets the group go on. */
    public boolean skipParked(String group) {
        return queue.controlScript(Script.PARKED, QueueKeys.checkGroup(group), "skip") == 1;
    }

    /** Dead letters, oldest first. */
    public List<DeadJob> deadLetters() {
        List<String> ids = redis.zrange(queue.keys().key("deadidx"), 0, -1);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<DeadJob> dead = new ArrayList<>(ids.size());
        var values = redis.hmget(queue.keys().key("dead"), ids.toArray(String[]::new));
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i).hasValue()) {
                JsonNode json = Json.parse(values.get(i).getValue());
                dead.add(new DeadJob(ids.get(i), json.path("group").asText(), json.path("body").asText(),
                        json.path("attempts").asInt(), json.path("error").asText(), json.path("at").asLong()));
            }
        }
        return dead;
    }

    /** Stages a dead letter again at the tail of its group. False if there is no such dead letter. */
    public boolean retryDeadLetter(String id) {
        return queue.controlScript(Script.DEAD, id, "retry") == 1;
    }

    public boolean discardDeadLetter(String id) {
        return queue.controlScript(Script.DEAD, id, "discard") == 1;
    }

    public Snapshot snapshot() {
        QueueKeys keys = queue.keys();
        // throttled groups are ready too, held back only by their tenant's cap: they count in both
        List<ScoredValue<String>> oldest = new ArrayList<>(redis.zrangeWithScores(keys.key("ready"), 0, 0));
        oldest.addAll(redis.zrangeWithScores(keys.key("throttled"), 0, 0));
        List<String> time = redis.time();
        long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
        long age = oldest.stream().mapToLong(o -> Math.max(0, now - (long) o.getScore())).max().orElse(0);
        long ready = redis.zcard(keys.key("ready")) + redis.zcard(keys.key("throttled"));
        return new Snapshot(redis.hlen(keys.key("jobs")), ready, redis.zcard(keys.key("active")),
                redis.hlen(keys.key("parked")), redis.hlen(keys.key("dead")), age);
    }

    /** A KEYS/SCAN pattern that matches every key of this queue and nothing else. */
    public String queueKeyPattern() {
        return queue.keys().prefix() + "*";
    }

    /** Deletes every key of the queue: for tests and for retiring a queue. */
    public void deleteAll() {
        ScanArgs match = ScanArgs.Builder.matches(queueKeyPattern()).limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
