package dev.foldwork.pipelines.global;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * State of the {@code sdk_usage} fold: one tenant's events sent by one SDK name and version,
 * per aggregate type, and the stamps of the first and last of them.
 */
public record SdkUsage(String sdkName, String sdkVersion, long events, SortedMap<String, Long> byAggregateType,
                       long firstSeenAt, long lastSeenAt) {
    public static SdkUsage empty() {
        return new SdkUsage(null, null, 0, new TreeMap<>(), 0, 0);
    }

    // Copies with one field changed, so a fold changes fields by name and never shifts one by position.
    public SdkUsage withSdkName(String sdkName) {
        return new SdkUsage(sdkName, sdkVersion, events, byAggregateType, firstSeenAt, lastSeenAt);
    }

    public SdkUsage withSdkVersion(String sdkVersion) {
        return new SdkUsage(sdkName, sdkVersion, events, byAggregateType, firstSeenAt, lastSeenAt);
    }

    public SdkUsage withEvents(long events) {
        return new SdkUsage(sdkName, sdkVersion, events, byAggregateType, firstSeenAt, lastSeenAt);
    }

    public SdkUsage withByAggregateType(SortedMap<String, Long> byAggregateType) {
        return new SdkUsage(sdkName, sdkVersion, events, byAggregateType, firstSeenAt, lastSeenAt);
    }

    public SdkUsage withFirstSeenAt(long firstSeenAt) {
        return new SdkUsage(sdkName, sdkVersion, events, byAggregateType, firstSeenAt, lastSeenAt);
    }

    public SdkUsage withLastSeenAt(long lastSeenAt) {
        return new SdkUsage(sdkName, sdkVersion, events, byAggregateType, firstSeenAt, lastSeenAt);
    }
}
