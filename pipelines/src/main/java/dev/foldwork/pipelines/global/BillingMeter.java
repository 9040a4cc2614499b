package dev.foldwork.pipelines.global;

import java.util.SortedMap;
import java.util.TreeMap;

/** State of the {@code billing_meter} fold: one tenant's billable events in one calendar month (UTC). */
public record BillingMeter(String month, long billableEvents, SortedMap<String, Long> byCategory) {
    public static BillingMeter empty() {
        return new BillingMeter(null, 0, new TreeMap<>());
    }
}
