package dev.foldwork.pipelines.global;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.pipelines.ProductEvents;
import dev.foldwork.pipelines.SentBySdk;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Global fold {@code sdk_usage}, keyed by tenant and {@code sdkName@sdkVersion}: counts every
 * product event that names the SDK that sent it ({@link SentBySdk}: spans, experiment and simulation starts).
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
        return sender(event).map(sdk -> sdk.sdkName() + "@" + version(sdk));
    }

    @Override
    public SdkUsage init() {
        return SdkUsage.empty();
    }

    @Override
    public SdkUsage apply(SdkUsage state, Event event) {
        return applyAll(state, List.of(event));
    }

    /** Counts a batch's events into one copy of the counts, not a copy per event. */
    @Override
    public SdkUsage applyAll(SdkUsage state, List<Event> events) {
        TreeMap<String, Long> byType = null;
        SentBySdk sdk = null;
        long counted = state.events();
        long first = state.firstSeenAt();
        long last = state.lastSeenAt();
        for (Event event : events) {
            Optional<SentBySdk> sender = sender(event);
            if (sender.isEmpty()) {
                continue;
            }
            sdk = sender.get();
            byType = byType != null ? byType : new TreeMap<>(state.byAggregateType());
            byType.merge(event.aggregateType().value(), 1L, Long::sum);
            first = counted == 0 ? event.timestamp() : Math.min(first, event.timestamp());
            last = Math.max(last, event.timestamp());
            counted++;
        }
        return sdk == null ? state : state.withSdkName(sdk.sdkName())
                .withSdkVersion(version(sdk))
                .withEvents(counted)
                .withByAggregateType(byType)
                .withFirstSeenAt(first)
                .withLastSeenAt(last);
    }

    /** The SDK a product pipeline's event names, if it names one. */
    private static Optional<SentBySdk> sender(Event event) {
        return ProductEvents.decode(event)
                .filter(SentBySdk.class::isInstance)
                .map(SentBySdk.class::cast)
                .filter(sdk -> sdk.sdkName() != null);
    }

    private static String version(SentBySdk sdk) {
        return sdk.sdkVersion() != null ? sdk.sdkVersion() : UNKNOWN_VERSION;
    }
}
