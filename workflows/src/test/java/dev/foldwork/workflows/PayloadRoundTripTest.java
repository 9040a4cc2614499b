package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.SeqRange;
import dev.foldwork.core.runtime.SkippedEvent;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The workflow's own payloads survive Temporal's default Jackson converter unchanged. */
class PayloadRoundTripTest {
    private static <T> T roundTrip(Object value, Class<T> type) {
        var converter = DefaultDataConverter.STANDARD_INSTANCE;
        Optional<io.temporal.api.common.v1.Payloads> payloads = converter.toPayloads(value);
        return converter.fromPayloads(0, payloads, type, type);
    }

    @Test
    void runsAndViewsRoundTrip() {
        FoldGroupId group = new FoldGroupId(TenantId.of("acme"), "ledger", AggregateType.of("account"), "a-1");
        Event event = new Event("e-1", TenantId.of("acme"), AggregateType.of("account"), "a-1", 1, 1_700_000_000_000L,
                "EntryRecorded", 1, Json.object().put("amount", 5));
        PendingReaction pending = new PendingReaction("f/r/acme/a-1", 1_700_000_002_000L,
                new ReactorCall(group, "f", "r", event, Json.object().put("x", 1), 1), 1_700_000_020_000L);
        FoldRun run = new FoldRun(group, List.of(event), new Parked("f", "e-1", "boom", Parked.Cause.PERSIST_FAILED), Map.of(), 7, event,
                List.of(pending), new StreamWriterState(7L, Map.of("e-1", 7L)),
                List.of(new SkippedEvent("e-1", "f"), new SkippedEvent("e-1", "g")),
                List.of(new SeqRange(event.streamId(), 8, 12)));
        FoldView view = new FoldView(group.toString(), Map.of("f", Json.object().put("x", 1)), "e-1", "EntryRecorded",
                7, 2, null, 0, 1);

        assertThat(roundTrip(run, FoldRun.class)).isEqualTo(run);
        assertThat(roundTrip(FoldRun.fresh(group), FoldRun.class)).isEqualTo(FoldRun.fresh(group));
        assertThat(roundTrip(view, FoldView.class)).isEqualTo(view);
    }

    @Test
    void aRunInputRecordedBeforeDebouncingReadsAsNoPendingReactions() {
        FoldGroupId group = new FoldGroupId(TenantId.of("acme"), "ledger", AggregateType.of("account"), "a-1");
        ObjectNode recorded = (ObjectNode) roundTrip(FoldRun.fresh(group), JsonNode.class);
        recorded.remove("pendingReactions");

        assertThat(roundTrip(recorded, FoldRun.class).pendingReactions()).isEmpty();
    }

    @Test
    void aRunInputRecordedWhenSkipsWereOnePerEventReadsThem() {
        FoldGroupId group = new FoldGroupId(TenantId.of("acme"), "ledger", AggregateType.of("account"), "a-1");
        ObjectNode recorded = (ObjectNode) roundTrip(FoldRun.fresh(group), JsonNode.class);
        recorded.remove("skipped");
        recorded.set("skips", Json.object().put("e-1", "f"));

        assertThat(roundTrip(recorded, FoldRun.class).skips()).containsExactly(new SkippedEvent("e-1", "f"));
    }

    @Test
    void aRunInputRecordedBeforeStoredSignalsReadsAsNothingToRead() {
        FoldGroupId group = new FoldGroupId(TenantId.of("acme"), "ledger", AggregateType.of("account"), "a-1");
        ObjectNode recorded = (ObjectNode) roundTrip(FoldRun.fresh(group), JsonNode.class);
        recorded.remove("stored");

        assertThat(roundTrip(recorded, FoldRun.class).stored()).isEmpty();
    }

    @Test
    void optionsRecordedBeforeTheActivityBudgetsReadAsTheirDefaults() {
        ObjectNode recorded = (ObjectNode) roundTrip(FoldWorkflowOptions.defaults().withMaxPendingActivities(7), JsonNode.class);
        recorded.remove("maxPendingActivities");
        recorded.remove("maxActivityInputBytes");

        assertThat(roundTrip(recorded, FoldWorkflowOptions.class)).isEqualTo(FoldWorkflowOptions.defaults());
    }

    @Test
    void aRunInputRecordedBeforeStreamWritesReadsAsAnUnknownStreamEnd() {
        FoldGroupId group = new FoldGroupId(TenantId.of("acme"), "ledger", AggregateType.of("account"), "a-1");
        ObjectNode recorded = (ObjectNode) roundTrip(FoldRun.fresh(group), JsonNode.class);
        recorded.remove("writer");

        assertThat(roundTrip(recorded, FoldRun.class).writer()).isEqualTo(StreamWriterState.unknown());
    }
}
