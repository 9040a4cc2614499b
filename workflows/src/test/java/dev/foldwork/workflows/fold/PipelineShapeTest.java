package dev.foldwork.workflows.fold;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run replays with the shape it recorded: what a shape recorded before a reactor property existed reads as. */
class PipelineShapeTest {

    @Test
    void aShapeRecordedBeforeOncePerBatchCallsItsReactorsPerEvent() {
        PipelineShape today = new PipelineShape(List.of("trace_summary"), List.of("span_storage"),
                List.of(new PipelineShape.ReactorShape("trace_summary", "trace_index", Duration.ZERO, true, true)));
        Payload recorded = DefaultDataConverter.STANDARD_INSTANCE.toPayload(today).orElseThrow();
        String json = recorded.getData().toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"oncePerBatch\":true");
        Payload before = recorded.toBuilder()
                .setData(ByteString.copyFromUtf8(json.replace(",\"oncePerBatch\":true", ""))).build();

        PipelineShape replayed = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(before, PipelineShape.class, PipelineShape.class);

        assertThat(replayed.reactors()).containsExactly(
                new PipelineShape.ReactorShape("trace_summary", "trace_index", Duration.ZERO, true, false));
        assertThat(replayed.folds()).containsExactly("trace_summary");
    }
}
