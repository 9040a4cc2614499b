package dev.foldwork.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.commands.CommandContext;
import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.commands.Payload;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EventSourcingService#submit}: only an ingestion command that read no history goes to
 * its writer's {@link StreamWriter#accept}; everything else is written, and a writer without an
 * accept of its own stores before it answers.
 */
class SubmitTest {
    private static final TenantId TENANT = TenantId.of("t1");

    /** Accepts without storing; writes by storing. Records which way each command went. */
    private static final class AcceptingWriter implements StreamWriter {
        final List<String> accepted = new ArrayList<>();
        final List<String> written = new ArrayList<>();

        @Override
        public List<Event> write(List<NewEvent> events, Map<StreamId, Long> expected) {
            events.forEach(event -> written.add(event.id()));
            List<Event> stored = new ArrayList<>();
            events.forEach(event -> stored.add(event.at(stored.size() + 1)));
            return stored;
        }

        @Override
        public boolean accept(List<NewEvent> events) {
            events.forEach(event -> accepted.add(event.id()));
            return false;
        }
    }

    private static CommandHandler spans(boolean readsHistory) {
        return new CommandHandler() {
            @Override
            public List<EventDraft> handle(Payload payload, CommandContext context) {
                String trace = payload.requiredId("traceId");
                payload.validate();
                if (readsHistory) {
                    context.history(trace);
                }
                return List.of(EventDraft.of(trace, "SpanSeen", 1, Json.object().put("n", 1)),
                        EventDraft.of(trace, "SpanSeen", 1, Json.object().put("n", 2)));
            }

            @Override
            public boolean acceptsBeforeStoring() {
                return true;
            }
        };
    }

    private final MemoryEventStore events = new MemoryEventStore();
    private final AcceptingWriter writer = new AcceptingWriter();
    private final EventSourcingService service = new EventSourcingService(PipelineRegistry.of(Pipeline.named("spans")
            .aggregateType("trace")
            .command("record", spans(false))
            .command("record_after_reading", spans(true))
            .command("plain", (payload, context) -> List.of(EventDraft.of(payload.requiredId("traceId"), "Plain", 1, Json.object())))
            .build()), events, writer, new EventIds(Clock.systemUTC()));

    @Test
    void anIngestionCommandIsAcceptedAndItsReceiptSaysNotStoredYet() {
        CommandReceipt receipt = service.submit(command("record"));
        assertThat(receipt.stored()).isFalse();
        assertThat(receipt.aggregateIds()).containsExactly("tr-1");
        assertThat(receipt.eventIds()).hasSize(2).containsExactlyElementsOf(writer.accepted);
        assertThat(writer.written).isEmpty();
    }

    @Test
    void anIngestionCommandThatReadHistoryIsWritten() {
        CommandReceipt receipt = service.submit(command("record_after_reading"));
        assertThat(receipt.stored()).isTrue();
        assertThat(writer.written).containsExactlyElementsOf(receipt.eventIds());
        assertThat(writer.accepted).isEmpty();
    }

    @Test
    void otherCommandsAndSendAreWritten() {
        assertThat(service.submit(command("plain")).stored()).isTrue();
        assertThat(service.send(command("record"))).hasSize(2);
        assertThat(writer.accepted).isEmpty();
        assertThat(writer.written).hasSize(3);
    }

    @Test
    void aWriterWithoutAnAcceptOfItsOwnStoresBeforeItAnswers() {
        EventSourcingService local = new EventSourcingService(PipelineRegistry.of(Pipeline.named("spans").aggregateType("trace")
                .command("record", spans(false)).build()), events, dispatched -> java.util.concurrent.CompletableFuture.completedFuture(null), new EventIds(Clock.systemUTC()));
        CommandReceipt receipt = local.submit(command("record"));
        assertThat(receipt.stored()).isTrue();
        assertThat(events.read(TENANT, dev.foldwork.core.domain.AggregateType.of("trace"), "tr-1")).extracting(Event::id)
                .containsExactlyElementsOf(receipt.eventIds());
    }

    private static Command command(String type) {
        return new Command(TENANT, "spans", type, Json.object().put("traceId", "tr-1"));
    }
}
