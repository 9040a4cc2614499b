package dev.foldwork.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** An intent: the pipeline and command type that should handle it, and its payload. */
public record Command(TenantId tenantId, String pipeline, String type, JsonNode payload) {
    public Command {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
