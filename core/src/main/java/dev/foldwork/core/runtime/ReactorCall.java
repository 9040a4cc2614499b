package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;

/**
 * One reaction owed after a fold persisted its state: plain data, so any dispatch mode can
 * queue it. {@code state} is the fold state exactly as it was stored, {@code stateRank} that
 * stored state's {@link dev.foldwork.core.stores.StoredFold#rank() rank} (its generation and
 * version), so a reaction read back later can tell a state older than the one it was owed at.
 */
public record ReactorCall(FoldGroupId group, String fold, String reactor, Event event, JsonNode state, long stateRank) {
    /**
     * The key under which reactions coalesce: the reactor's job id, within its fold, reactor and
     * tenant, so two reactors (or two tenants) never coalesce with each other.
     */
    public String jobKey(String jobId) {
        return fold + "/" + reactor + "/" + group.tenantId() + "/" + jobId;
    }
}
