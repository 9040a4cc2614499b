package dev.foldwork.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of aggregate a stream of events belongs to, such as {@code trace}. */
public record AggregateType(String value) {
    public AggregateType {
        Ids.name("aggregateType", value);
    }

    @JsonCreator
    public static AggregateType of(String value) {
        return new AggregateType(value);
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
