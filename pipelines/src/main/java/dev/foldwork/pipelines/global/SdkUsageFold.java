package dev.foldwork.pipelines.global;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.GlobalFoldProjection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Global fold {@code sdk_usage}, keyed by tenant and {@code sdkName@sdkVersion}: counts every
 * event whose data names the SDK that sent it (spans, experiment and simulation starts).
 */
public final class SdkUsageFold implements GlobalFoldProjection<SdkUsage> {
    public static final String NAME = "sdk_usage";
    public static final String UNKNOWN_VERSION = "unknown";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SdkUsage> stateType() {
        return SdkUsage.class;
    }

    @Override
    public Optional<String> key(Event event) {
        JsonNode name = event.data().get("sdkName");
        return name != null && name.isTextual() ? Optional.of(name.textValue() + "@" + version(event)) : Optional.empty();
    }

    @Override
    public SdkUsage init() {
        return SdkUsage.empty();
    }

    @Override
    public SdkUsage apply(SdkUsage state, Event event) {
        JsonNode name = event.data().get("sdkName");
        if (name == null || !name.isTextual()) {
            return state;
        }
        TreeMap<String, Long> byType = new TreeMap<>(state.byAggregateType());
        byType.merge(event.aggregateType().value(), 1L, Long::sum);
        long first = state.events() == 0 ? event.timestamp() : Math.min(state.firstSeenAt(), event.timestamp());
        long last = Math.max(state.lastSeenAt(), event.timestamp());
        return state.withSdkName(name.textValue())
                .withSdkVersion(version(event))
                .withEvents(state.events() + 1)
                .withByAggregateType(byType)
                .withFirstSeenAt(first)
                .withLastSeenAt(last);
    }

    private static String version(Event event) {
        JsonNode version = event.data().get("sdkVersion");
        return version != null && version.isTextual() ? version.textValue() : UNKNOWN_VERSION;
    }
}
