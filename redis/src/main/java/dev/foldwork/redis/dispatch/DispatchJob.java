package dev.foldwork.redis.dispatch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.ReactionRef;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.redis.groupqueue.PermanentJobException;
import java.util.List;

/**
 * The envelope of one job on the Redis group queue, as JSON: a fold group's events (one job
 * may carry several events of that group), one map projection's events of one tenant, or one
 * reaction owed after a fold persisted its state, by reference.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DispatchJob.Fold.class, name = "fold"),
        @JsonSubTypes.Type(value = DispatchJob.Map.class, name = "map"),
        @JsonSubTypes.Type(value = DispatchJob.React.class, name = "reactor")})
sealed interface DispatchJob {
    record Fold(FoldGroupId group, List<Event> events) implements DispatchJob {}

    record Map(TenantId tenant, String map, List<Event> events) implements DispatchJob {}

    /**
     * A reaction: queued by reference ({@code ref}); {@code call}, the reaction with the fold's
     * state inline, is what jobs queued before references carry.
     */
    record React(ReactorCall call, ReactionRef ref) implements DispatchJob {
        React(ReactionRef ref) {
            this(null, ref);
        }
    }

    default String encode() {
        try {
            return Json.mapper().writerFor(DispatchJob.class).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + getClass().getSimpleName() + " job", e);
        }
    }

    static DispatchJob decode(String body) {
        try {
            return Json.mapper().readValue(body, DispatchJob.class);
        } catch (JsonProcessingException e) {
            throw new PermanentJobException("malformed job body: " + e.getOriginalMessage(), e);
        }
    }
}
