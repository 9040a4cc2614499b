package dev.foldwork.pipelines.evaluation;

import dev.foldwork.core.commands.Payload;
import dev.foldwork.pipelines.Limits;

/**
 * What an evaluator reports it spent on a result, read from a {@code complete} or {@code fail}
 * payload: each null when not reported, which is not the same as free or instant.
 */
record ReportedUsage(Double cost, Long durationMs) {
    static ReportedUsage read(Payload payload) {
        return new ReportedUsage(cost(payload), durationMs(payload));
    }

    private static Double cost(Payload payload) {
        if (!payload.json().hasNonNull("cost")) {
            return null;
        }
        double cost = payload.optionalDouble("cost", 0, 0);
        Limits.atMost(payload, "cost", cost, Limits.MAX_COST);
        return cost;
    }

    private static Long durationMs(Payload payload) {
        if (!payload.json().hasNonNull("durationMs")) {
            return null;
        }
        long durationMs = payload.optionalLong("durationMs", 0, 0);
        Limits.atMost(payload, "durationMs", durationMs, Limits.MAX_DURATION_MS);
        return durationMs;
    }
}
