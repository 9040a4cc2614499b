package dev.foldwork.pipelines.experimentrun;

import dev.foldwork.pipelines.Limits;

/** One target's results over a run so far: how many, how many failed, what they cost and took. */
public record TargetStats(long results, long errors, double cost, long durationMs) {
    public static final TargetStats NONE = new TargetStats(0, 0, 0, 0);

    public TargetStats plus(boolean failed, double resultCost, long resultDurationMs) {
        return new TargetStats(results + 1, errors + (failed ? 1 : 0), Limits.add(cost, resultCost),
                Limits.add(durationMs, resultDurationMs));
    }
}
