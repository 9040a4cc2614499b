package dev.foldwork.core.dispatch.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Optional;

/**
 * A fold store on Redis, for tests whose workers run in other processes and must share fold
 * state with the test (the real shared store is ClickHouse). Keys live under the queue's prefix.
 */
final class RedisFoldStore implements FoldStore {
    private final RedisCommands<String, String> redis;
    private final String prefix;

    RedisFoldStore(RedisCommands<String, String> redis, String queuePrefix) {
        this.redis = redis;
        this.prefix = queuePrefix + "test:fold:";
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        String json = redis.get(key(tenantId, projection, aggregateKey));
        try {
            return json == null ? Optional.empty() : Optional.of(Json.mapper().readValue(json, StoredFold.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable fold state", e);
        }
    }

    @Override
    public void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        try {
            redis.set(key(tenantId, projection, aggregateKey), Json.mapper().writeValueAsString(fold));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write fold state", e);
        }
    }

    private String key(TenantId tenantId, String projection, String aggregateKey) {
        return prefix + tenantId + ":" + projection + ":" + aggregateKey;
    }
}
