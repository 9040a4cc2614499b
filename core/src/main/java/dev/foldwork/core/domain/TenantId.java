package dev.foldwork.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The tenant every read and write is scoped to: 1 to 64 of letters, digits, _ and -. */
public record TenantId(String value) {
    public TenantId {
        Ids.tenantId("tenantId", value);
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
