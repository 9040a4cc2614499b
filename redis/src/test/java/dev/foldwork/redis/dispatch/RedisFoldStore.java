package dev.foldwork.redis.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StrayPositions;
import dev.foldwork.core.stores.VersionBands;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fold store on Redis, for tests whose workers run in other processes and must share fold
 * state with the test (the real shared store is ClickHouse). Keys live under the queue's prefix.
 * Like every fold store, the highest version wins (a script compares before it writes).
 */
final class RedisFoldStore implements FoldStore {
    private static final String STORE_IF_NEWER = """
            local current = redis.call('HGET', KEYS[1], 'version')
            if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'fold', ARGV[2])
            return 1
            """;

    private final RedisCommands<String, String> redis;
    private final String prefix;

    RedisFoldStore(RedisCommands<String, String> redis, String queuePrefix) {
        this.redis = redis;
        this.prefix = queuePrefix + "test:fold:";
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        String json = redis.hget(key(tenantId, projection, aggregateKey), "fold");
        try {
            return json == null ? Optional.empty() : Optional.of(Json.mapper().readValue(json, StoredFold.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable fold state", e);
        }
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        try {
            redis.eval(STORE_IF_NEWER, ScriptOutputType.INTEGER, new String[] {key(tenantId, projection, aggregateKey)},
                    Long.toString(fold.version()), Json.mapper().writeValueAsString(fold));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write fold state", e);
        }
    }

    @Override
    public Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                               Collection<StreamId> streams, long atOrBelowVersion) {
        Map<StreamId, Long> found = new LinkedHashMap<>();
        for (StreamId stream : streams) {
            List<String> entries = redis.zrangebyscore(positionKey(tenantId, projection, aggregateKey, stream),
                    io.lettuce.core.Range.create(VersionBands.start(atOrBelowVersion), atOrBelowVersion));
            if (!entries.isEmpty()) { // sorted by version, then member: the last is the latest version's highest seq
                String latest = entries.get(entries.size() - 1);
                found.put(stream, Long.parseLong(latest.substring(latest.indexOf(':') + 1)));
            }
        }
        return found;
    }

    @Override
    public void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                     Map<StreamId, Long> positions) {
        positions.forEach((stream, seq) -> {
            redis.zadd(positionKey(tenantId, projection, aggregateKey, stream), version, version + ":" + String.format("%019d", seq));
            redis.zadd(key(tenantId, projection, aggregateKey) + ":positioned", version,
                    stream.aggregateType().value() + "\n" + stream.aggregateId());
        });
    }

    @Override
    public StrayPositions strayPositions(TenantId tenantId, String projection, String aggregateKey, long version) {
        List<ScoredValue<String>> above = redis.zrangebyscoreWithScores(key(tenantId, projection, aggregateKey) + ":positioned",
                io.lettuce.core.Range.create(version + 1, VersionBands.end(version) - 1));
        if (above.isEmpty()) {
            return StrayPositions.NONE;
        }
        Set<StreamId> streams = new LinkedHashSet<>();
        long highest = 0;
        for (ScoredValue<String> one : above) {
            String[] typeAndId = one.getValue().split("\n", 2);
            streams.add(new StreamId(tenantId, AggregateType.of(typeAndId[0]), typeAndId[1]));
            highest = Math.max(highest, (long) one.getScore());
        }
        return new StrayPositions(highest, streams);
    }

    private String key(TenantId tenantId, String projection, String aggregateKey) {
        return prefix + tenantId + ":" + projection + ":" + aggregateKey;
    }

    private String positionKey(TenantId tenantId, String projection, String aggregateKey, StreamId stream) {
        return key(tenantId, projection, aggregateKey) + ":positions:" + stream;
    }
}
