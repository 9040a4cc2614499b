package dev.foldwork.redis.writer;

import dev.foldwork.core.commands.CommandRejectedException;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.pipeline.Pipeline;
import java.util.List;

/**
 * A pipeline whose command decides on history: a pool hands out at most {@link #SLOTS} slots, so
 * two processes that decide on the same history would hand out more.
 */
final class SlotsPipeline {
    static final int SLOTS = 25;

    private SlotsPipeline() {}

    static Pipeline pipeline() {
        return Pipeline.named("slots").aggregateType("pool")
                .command("take", (payload, context) -> {
                    String pool = payload.requiredId("poolId");
                    payload.validate();
                    int taken = context.history(pool).size();
                    if (taken >= SLOTS) {
                        throw new CommandRejectedException("pool " + pool + " has no free slot");
                    }
                    return List.of(EventDraft.of(pool, "SlotTaken", 1, Json.object().put("slot", taken + 1)));
                })
                .build();
    }

    static Command take(String tenant, String pool) {
        return new Command(TenantId.of(tenant), "slots", "take", Json.object().put("poolId", pool));
    }
}
