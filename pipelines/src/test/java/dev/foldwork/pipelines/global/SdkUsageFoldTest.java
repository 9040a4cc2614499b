package dev.foldwork.pipelines.global;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import dev.foldwork.pipelines.experimentrun.ExperimentRunEvent;
import dev.foldwork.pipelines.trace.SpanKind;
import dev.foldwork.pipelines.trace.SpanRecorded;
import dev.foldwork.pipelines.trace.SpanStatus;
import dev.foldwork.pipelines.trace.TracePipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SdkUsageFoldTest {
    private static final SdkUsageFold FOLD = new SdkUsageFold();

    /** An event that names its SDK: a span, or an experiment run's start. */
    private static Event event(String aggregateType, long timestamp, String sdkName, String sdkVersion) {
        Object data = aggregateType.equals(TracePipeline.NAME)
                ? new SpanRecorded("t1", "s" + timestamp, null, "chat", SpanKind.SERVER, timestamp, timestamp + 1, SpanStatus.OK,
                        null, null, 0, 0, 0, null, sdkName, sdkVersion)
                : new ExperimentRunEvent.Started("r1", "x1", 1, List.of("t"), List.of("e"), sdkName, sdkVersion);
        boolean span = data instanceof SpanRecorded;
        return new Event("evt-" + timestamp, TestEvents.TENANT, AggregateType.of(aggregateType), "a1", 1, timestamp,
                span ? SpanRecorded.TYPE : ExperimentRunEvent.Started.TYPE, span ? SpanRecorded.VERSION : 1, Json.toNode(data));
    }

    @Test
    void aBatchCountsAsItsEventsOneAtATime() {
        List<Event> usage = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            usage.add(i % 7 == 3 ? event("experiment_run", 1_000 - i, null, null)
                    : event(i % 3 == 0 ? "experiment_run" : "trace", 1_000 + (i * 37 % 11), "foldwork-python", "1.0.0"));
        }
        SdkUsage oneAtATime = TestEvents.foldAll(FOLD, usage);
        Random random = new Random(3);
        for (int split = 0; split < 20; split++) {
            assertThat(TestEvents.foldInBatches(FOLD, usage, random)).isEqualTo(oneAtATime);
        }
        assertThat(FOLD.applyAll(oneAtATime, List.of(usage.get(3)))).as("a batch without an SDK").isSameAs(oneAtATime);
    }

    @Test
    void keysByNameAndVersionAndSkipsEventsWithoutAnSdk() {
        assertThat(FOLD.key(event("trace", 1, "foldwork-python", "1.0.0"))).contains("foldwork-python@1.0.0");
        assertThat(FOLD.key(event("trace", 1, "otel-java", null))).contains("otel-java@unknown");
        assertThat(FOLD.key(event("experiment_run", 1, null, null))).isEmpty();
    }

    @Test
    void anEventWhoseTypeNamesNoSdkIsNotCountedWhateverItsData() {
        Event other = new Event("evt-1", TestEvents.TENANT, AggregateType.of("evaluation"), "a1", 1, 1, "EvaluationStarted", 1,
                Json.object().put("evaluationId", "a1").put("sdkName", "foldwork-python"));
        assertThat(FOLD.key(other)).isEmpty();
        assertThat(FOLD.apply(FOLD.init(), other)).isEqualTo(FOLD.init());
    }

    @Test
    void countsEventsPerAggregateTypeWithFirstAndLastSeenInAnyOrder() {
        List<Event> usage = new ArrayList<>(List.of(
                event("trace", 300, "foldwork-python", "1.0.0"),
                event("trace", 100, "foldwork-python", "1.0.0"),
                event("experiment_run", 200, "foldwork-python", "1.0.0")));
        SdkUsage state = TestEvents.foldAll(FOLD, usage);

        assertThat(state.sdkName()).isEqualTo("foldwork-python");
        assertThat(state.sdkVersion()).isEqualTo("1.0.0");
        assertThat(state.events()).isEqualTo(3);
        assertThat(state.byAggregateType()).containsEntry("trace", 2L).containsEntry("experiment_run", 1L);
        assertThat(state.firstSeenAt()).isEqualTo(100);
        assertThat(state.lastSeenAt()).isEqualTo(300);

        Collections.shuffle(usage, new Random(1));
        assertThat(TestEvents.foldAll(FOLD, usage)).isEqualTo(state);
        assertThat(TestEvents.roundTrip(FOLD, state)).isEqualTo(state);
    }
}
