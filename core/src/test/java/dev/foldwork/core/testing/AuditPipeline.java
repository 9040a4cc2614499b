package dev.foldwork.core.testing;

import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.domain.Command;
import java.util.List;
import java.util.Optional;

/** A pipeline with a map and no fold: subjects take notes, a map logs each note. */
public final class AuditPipeline {
    public static final String NAME = "audit";
    public static final AggregateType SUBJECT = AggregateType.of("subject");
    public static final NoteLogMap NOTE_LOG = new NoteLogMap();

    private AuditPipeline() {}

    public record NoteLine(String subject, String memo) {}

    public static final class NoteLogMap implements MapProjection<NoteLine> {
        @Override
        public String name() {
            return "note_log";
        }

        @Override
        public Optional<NoteLine> map(Event event) {
            return Optional.of(new NoteLine(event.aggregateId(), event.data().path("memo").asText()));
        }
    }

    public static Pipeline pipeline() {
        return Pipeline.named(NAME)
                .aggregateType(SUBJECT.value())
                .command("take_note", (payload, context) -> {
                    String subject = payload.requiredId("subject");
                    String memo = payload.optionalString("memo", 200).orElse("");
                    payload.validate();
                    return List.of(EventDraft.of(subject, "NoteTaken", 1, new NoteLine(subject, memo)));
                })
                .map(NOTE_LOG)
                .build();
    }

    /** Command {@code take_note}; a memo starting with "lost" is dropped by {@link LossyDispatcher}. */
    public static Command note(TenantId tenant, String subject, String memo) {
        return new Command(tenant, NAME, "take_note", Json.object().put("subject", subject).put("memo", memo));
    }
}
