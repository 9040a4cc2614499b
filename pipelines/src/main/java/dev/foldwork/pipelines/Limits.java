package dev.foldwork.pipelines;

import dev.foldwork.core.commands.Payload;

/**
 * The documented bounds of numbers the commands take, and the sums the folds keep. A single value
 * past its bound is refused at the command; sums saturate at their type's limit (and costs stay
 * finite), so even events stored before a bound existed can never wrap a total negative or turn
 * it into Infinity.
 */
public final class Limits {
    /** Tokens of one span: a trillion is far beyond any model's context. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;
    /** Cost of one span or result, in the tenant's currency unit. */
    public static final double MAX_COST = 1_000_000_000d;
    /** Duration of one result: about 31 years. */
    public static final long MAX_DURATION_MS = 1_000_000_000_000L;
    /** A timestamp: the last millisecond of the year 9999 (UTC). */
    public static final long MAX_TIME_MS = 253_402_300_799_999L;

    private Limits() {}

    public static void atMost(Payload payload, String field, long value, long max) {
        payload.check(value <= max, field, "must be at most " + max + ", was " + value);
    }

    public static void atMost(Payload payload, String field, double value, double max) {
        payload.check(value <= max, field, "must be at most " + max + ", was " + value);
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} where that would overflow (both are never negative). */
    public static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** {@code a + b}, or {@link Double#MAX_VALUE} where that would not be a finite number. */
    public static double add(double a, double b) {
        double sum = a + b;
        return Double.isFinite(sum) ? sum : Double.MAX_VALUE;
    }
}
