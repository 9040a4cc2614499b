package dev.foldwork.pipelines.sample;

import dev.foldwork.core.domain.Command;

/** A command of the sample stream and the aggregate it addresses, so senders can keep per-aggregate order. */
public record SampleCommand(Command command, String aggregateId) {
    /** The aggregate across pipelines: commands with the same key must be sent in stream order. */
    public String orderingKey() {
        return command.tenantId() + "/" + command.pipeline() + "/" + aggregateId;
    }
}
