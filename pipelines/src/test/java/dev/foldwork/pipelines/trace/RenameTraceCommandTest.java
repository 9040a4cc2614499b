package dev.foldwork.pipelines.trace;

import static dev.foldwork.pipelines.CommandChecks.decide;
import static dev.foldwork.pipelines.CommandChecks.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.FieldError;
import dev.foldwork.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenameTraceCommandTest {
    private final RenameTraceCommand command = new RenameTraceCommand();

    @Test
    void namesTheTraceWithoutItsHistory() {
        List<EventDraft> drafts = decide(command, Json.object().put("traceId", OtlpSpans.TRACE).put("name", "  refund request "));
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.aggregateId()).isEqualTo(OtlpSpans.TRACE);
            assertThat(d.type()).isEqualTo(TraceRenamed.TYPE);
            assertThat(d.data().path("name").asText()).isEqualTo("refund request");
        });
    }

    @Test
    void refusesAMissingOrBlankNameAndABadTraceId() {
        assertThat(fieldErrors(command, Json.object().put("traceId", "t 1").put("name", " "))).extracting(FieldError::field)
                .containsExactly("traceId", "name");
        assertThat(fieldErrors(command, Json.object().put("traceId", "t1"))).extracting(FieldError::field).containsExactly("name");
        assertThat(fieldErrors(command, Json.object().put("traceId", "t1").put("name", "n".repeat(RecordSpanCommand.MAX_NAME + 1))))
                .extracting(FieldError::field).containsExactly("name");
    }
}
