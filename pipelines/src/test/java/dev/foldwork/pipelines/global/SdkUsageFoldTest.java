package dev.foldwork.pipelines.global;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SdkUsageFoldTest {
    private static final SdkUsageFold FOLD = new SdkUsageFold();

    private static Event event(String aggregateType, long timestamp, String sdkName, String sdkVersion) {
        var data = Json.object();
        if (sdkName != null) {
            data.put("sdkName", sdkName);
        }
        if (sdkVersion != null) {
            data.put("sdkVersion", sdkVersion);
        }
        return new Event("evt-" + timestamp, TestEvents.TENANT, AggregateType.of(aggregateType), "a1", 1, timestamp, "Something", 1, data);
    }

    @Test
    void keysByNameAndVersionAndSkipsEventsWithoutAnSdk() {
        assertThat(FOLD.key(event("trace", 1, "foldwork-python", "1.0.0"))).contains("foldwork-python@1.0.0");
        assertThat(FOLD.key(event("trace", 1, "otel-java", null))).contains("otel-java@unknown");
        assertThat(FOLD.key(event("evaluation", 1, null, null))).isEmpty();
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
