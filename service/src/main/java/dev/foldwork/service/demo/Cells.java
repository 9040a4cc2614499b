package dev.foldwork.service.demo;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the demo's tables write a value in a cell, the same in every table. */
final class Cells {
    private Cells() {}

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String money(double value) {
        return String.format(Locale.ROOT, "$%,.4f", value);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** Text cut to {@code max} characters, so one long value does not widen a whole table. */
    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 2) + "..";
    }

    static String breakdown(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", "));
    }

    static String costs(Map<String, Double> costs) {
        return costs.entrySet().stream().map(e -> e.getKey() + " " + money(e.getValue())).collect(Collectors.joining(", "));
    }
}
