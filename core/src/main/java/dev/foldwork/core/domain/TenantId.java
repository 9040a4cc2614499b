package dev.foldwork.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The tenant every read and write is scoped to: 1 to 64 of letters, digits, _ and -. */
public record TenantId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    public TenantId {
        Ids.matching("tenantId", value, ALLOWED, 64, "letters, digits, _ and -");
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
