package dev.foldwork.pipelines.global;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.evaluation.EvaluationEvent;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent;
import dev.foldwork.pipelines.simulation.SimulationEvent;
import dev.foldwork.pipelines.trace.SpanRecorded;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Global fold {@code billing_meter}, keyed by tenant and calendar month of the event's stamp:
 * counts billable facts. Billable is work the product did for the tenant: an ingested span, a
 * finished evaluation, an experiment result, a judged simulation. Other events are free.
 *
 * <p>Each fact counts once. This fold sees every aggregate and stays bounded, so it cannot tell a
 * repeat itself: the commands that accept a fact reported again (an evaluation's second result, a
 * simulation's second finish) mark it {@link BillableFacts#REPEAT} and it is skipped here. An
 * experiment result reported again for the same row is refused by its command, so every stored
 * one is new. Spans are the exception: ingestion reads no history (it answers before storing), so
 * a span sent again with the same id is counted again, as the trace summary counts it again
 * outside its sample; ingesting it was work.
 */
public final class BillingMeterFold implements GlobalFoldProjection<BillingMeter> {
    public static final String NAME = "billing_meter";

    static final Map<String, String> CATEGORY_BY_EVENT_TYPE = Map.of(
            SpanRecorded.TYPE, "spans",
            EvaluationEvent.Completed.TYPE, "evaluations",
            EvaluationEvent.Failed.TYPE, "evaluations",
            ExperimentRunEvent.TargetResultRecorded.TYPE, "experiment_results",
            ExperimentRunEvent.EvaluatorResultRecorded.TYPE, "experiment_results",
            SimulationEvent.Finished.TYPE, "simulations");

    /** A calendar month in UTC: its name and its first and next month's first milliseconds. */
    private record Month(String name, long startMs, long endMs) {
        static Month of(long epochMillis) {
            YearMonth month = YearMonth.from(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
            return new Month(month.toString(), startOf(month), startOf(month.plusMonths(1)));
        }

        private static long startOf(YearMonth month) {
            return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }

        boolean holds(long epochMillis) {
            return epochMillis >= startMs && epochMillis < endMs;
        }
    }

    /** The month asked for last: every event is keyed, and nearly all fall in the current month. */
    private static volatile Month lastMonth = Month.of(0);

    /** The meter key of a moment: its calendar month in UTC, such as {@code 2026-11}. */
    public static String monthOf(long epochMillis) {
        Month month = lastMonth;
        if (!month.holds(epochMillis)) {
            month = Month.of(epochMillis);
            lastMonth = month;
        }
        return month.name();
    }

    private static boolean billable(Event event) {
        return CATEGORY_BY_EVENT_TYPE.containsKey(event.type()) && !BillableFacts.isRepeat(event);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<BillingMeter> stateType() {
        return BillingMeter.class;
    }

    @Override
    public Optional<String> key(Event event) {
        return billable(event) ? Optional.of(monthOf(event.timestamp())) : Optional.empty();
    }

    @Override
    public BillingMeter init() {
        return BillingMeter.empty();
    }

    @Override
    public BillingMeter apply(BillingMeter state, Event event) {
        return applyAll(state, List.of(event));
    }

    /** Counts a batch's billable events into one copy of the counts, not a copy per event. */
    @Override
    public BillingMeter applyAll(BillingMeter state, List<Event> events) {
        TreeMap<String, Long> byCategory = null;
        long counted = 0;
        String month = state.month();
        for (Event event : events) {
            if (!billable(event)) {
                continue;
            }
            byCategory = byCategory != null ? byCategory : new TreeMap<>(state.byCategory());
            byCategory.merge(CATEGORY_BY_EVENT_TYPE.get(event.type()), 1L, Long::sum);
            counted++;
            month = monthOf(event.timestamp());
        }
        return counted == 0 ? state : state.withMonth(month)
                .withBillableEvents(state.billableEvents() + counted)
                .withByCategory(byCategory);
    }
}
