package dev.foldwork.workflows;

import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import java.util.List;

/**
 * A pipeline that decides on history and has no folds or maps: each ticket's number is its
 * queue's history length plus one, so a decision made on a stale history shows as a number
 * that differs from the event's seq. Its writer is a fold workflow without folds.
 */
final class TicketPipeline {
    static final String NAME = "tickets";
    static final String AGGREGATE_TYPE = "queue";

    private TicketPipeline() {}

    static Pipeline pipeline() {
        return Pipeline.named(NAME).aggregateType(AGGREGATE_TYPE)
                .command("take_ticket", (payload, context) -> {
                    String queue = payload.requiredId("queueId");
                    payload.validate();
                    int number = context.history(queue).size() + 1;
                    return List.of(EventDraft.of(queue, "TicketTaken", 1, Json.object().put("number", number)));
                })
                .build();
    }
}
