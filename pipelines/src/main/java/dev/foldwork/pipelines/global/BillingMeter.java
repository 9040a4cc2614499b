package dev.foldwork.pipelines.global;

import java.util.SortedMap;
import java.util.TreeMap;

/** State of the {@code billing_meter} fold: one tenant's billable events in one calendar month (UTC). */
public record BillingMeter(String month, long billableEvents, SortedMap<String, Long> byCategory) {
    public static BillingMeter empty() {
        return new BillingMeter(null, 0, new TreeMap<>());
    }

    // Copies with one field changed, so a fold changes fields by name and never shifts one by position.
    public BillingMeter withMonth(String month) {
        return new BillingMeter(month, billableEvents, byCategory);
    }

    public BillingMeter withBillableEvents(long billableEvents) {
        return new BillingMeter(month, billableEvents, byCategory);
    }

    public BillingMeter withByCategory(SortedMap<String, Long> byCategory) {
        return new BillingMeter(month, billableEvents, byCategory);
    }
}
