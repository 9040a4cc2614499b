package dev.foldwork.pipelines.global;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.BillableFacts;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.evaluation.EvaluationEvent;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent;
import dev.foldwork.pipelines.simulation.SimulationEvent;
import dev.foldwork.pipelines.trace.SpanRecorded;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BillingMeterFoldTest {
    private static final BillingMeterFold FOLD = new BillingMeterFold();
    /** 2026-11-30T23:59:59.999Z, the last millisecond of November. */
    private static final long END_OF_NOVEMBER = 1_796_083_199_999L;

    private static Event event(String aggregateType, String type, long timestamp) {
        return new Event("evt-" + type + "-" + timestamp, TestEvents.TENANT, AggregateType.of(aggregateType), "a1", 1,
                timestamp, type, 1, Json.object());
    }

    @Test
    void keysBillableEventsByCalendarMonthInUtc() {
        assertThat(FOLD.key(event("trace", SpanRecorded.TYPE, END_OF_NOVEMBER))).contains("2026-11");
        assertThat(FOLD.key(event("trace", SpanRecorded.TYPE, END_OF_NOVEMBER + 1))).contains("2026-12");
    }

    @Test
    void aMomentsMonthIsItsUtcCalendarMonthInAnyOrderOfAsking() {
        long marchFirst2028 = Instant.parse("2028-03-01T00:00:00Z").toEpochMilli();
        List<Long> moments = new ArrayList<>(List.of(marchFirst2028 - 1, marchFirst2028, marchFirst2028 + 1, -1L, 0L,
                Instant.parse("2026-12-31T23:59:59.999Z").toEpochMilli(), Instant.parse("2027-01-01T00:00:00Z").toEpochMilli()));
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(moments, new Random(round));
            for (long moment : moments) {
                assertThat(BillingMeterFold.monthOf(moment)).as("%d", moment)
                        .isEqualTo(YearMonth.from(Instant.ofEpochMilli(moment).atZone(ZoneOffset.UTC)).toString());
            }
        }
        assertThat(BillingMeterFold.monthOf(marchFirst2028 - 1)).isEqualTo("2028-02");
        assertThat(BillingMeterFold.monthOf(-1)).isEqualTo("1969-12");
    }

    @Test
    void aBatchCountsAsItsEventsOneAtATime() {
        List<Event> facts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            facts.add(i % 4 == 1 ? event("evaluation", EvaluationEvent.Scheduled.TYPE, END_OF_NOVEMBER - i)
                    : event(i % 2 == 0 ? "trace" : "evaluation", i % 2 == 0 ? SpanRecorded.TYPE : EvaluationEvent.Completed.TYPE,
                            END_OF_NOVEMBER - i));
        }
        BillingMeter oneAtATime = TestEvents.foldAll(FOLD, facts);
        Random random = new Random(5);
        for (int split = 0; split < 20; split++) {
            assertThat(TestEvents.foldInBatches(FOLD, facts, random)).isEqualTo(oneAtATime);
        }
        assertThat(FOLD.applyAll(oneAtATime, List.of(facts.get(1)))).as("a batch of free events").isSameAs(oneAtATime);
    }

    @Test
    void ignoresEventsThatAreNotBillable() {
        assertThat(FOLD.key(event("evaluation", EvaluationEvent.Scheduled.TYPE, END_OF_NOVEMBER))).isEmpty();
        assertThat(FOLD.key(event("simulation_run", SimulationEvent.Deleted.TYPE, END_OF_NOVEMBER))).isEmpty();
    }

    @Test
    void skipsAnEventItsCommandMarkedAsARepeat() {
        Event repeat = new Event("evt-repeat", TestEvents.TENANT, AggregateType.of("evaluation"), "a1", 2, END_OF_NOVEMBER,
                EvaluationEvent.Completed.TYPE, 1, Json.object().put(BillableFacts.REPEAT, true));
        assertThat(FOLD.key(repeat)).isEmpty();
        assertThat(FOLD.apply(BillingMeter.empty(), repeat)).isEqualTo(BillingMeter.empty());
    }

    @Test
    void countsBillableEventsPerCategoryInAnyOrder() {
        List<Event> month = new ArrayList<>(List.of(
                event("trace", SpanRecorded.TYPE, END_OF_NOVEMBER - 5),
                event("trace", SpanRecorded.TYPE, END_OF_NOVEMBER - 4),
                event("evaluation", EvaluationEvent.Completed.TYPE, END_OF_NOVEMBER - 3),
                event("evaluation", EvaluationEvent.Failed.TYPE, END_OF_NOVEMBER - 2),
                event("experiment_run", ExperimentRunEvent.TargetResultRecorded.TYPE, END_OF_NOVEMBER - 1),
                event("simulation_run", SimulationEvent.Finished.TYPE, END_OF_NOVEMBER)));
        BillingMeter meter = TestEvents.foldAll(FOLD, month);

        assertThat(meter.month()).isEqualTo("2026-11");
        assertThat(meter.billableEvents()).isEqualTo(6);
        assertThat(meter.byCategory()).containsEntry("spans", 2L).containsEntry("evaluations", 2L)
                .containsEntry("experiment_results", 1L).containsEntry("simulations", 1L);

        Collections.shuffle(month, new Random(5));
        assertThat(TestEvents.foldAll(FOLD, month)).isEqualTo(meter);
        assertThat(TestEvents.roundTrip(FOLD, meter)).isEqualTo(meter);
    }
}
