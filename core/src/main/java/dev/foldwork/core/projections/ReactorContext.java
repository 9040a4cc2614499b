package dev.foldwork.core.projections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.commands.CommandGateway;
import dev.foldwork.core.domain.TenantId;
import java.util.function.Supplier;

/**
 * What a reactor sees: where it runs, the fold state as persisted, and a way to send commands.
 * {@code stateRank} is that state's {@link dev.foldwork.core.stores.StoredFold#rank() rank}
 * (generation, then version), so a reactor that copies the state elsewhere can keep the newest
 * copy when reactions run again or out of order.
 *
 * <p>The state comes two ways: {@link #stateJson()}, the JSON the fold stored, and {@link #state()},
 * that JSON in the fold's type, read when first asked for. A reactor that only copies the state
 * on (as JSON) never pays for reading it into its type.
 */
public final class ReactorContext<S> {
    private final TenantId tenantId;
    private final String aggregateId;
    private final JsonNode stateJson;
    private final Supplier<S> typed;
    private final long stateRank;
    private final CommandGateway commands;
    private S state;
    private boolean read;

    /** {@code typed} reads {@code stateJson} into the fold's type (or recalls it); called at most once. */
    public ReactorContext(TenantId tenantId, String aggregateId, JsonNode stateJson, Supplier<S> typed, long stateRank,
                          CommandGateway commands) {
        this.tenantId = tenantId;
        this.aggregateId = aggregateId;
        this.stateJson = stateJson;
        this.typed = typed;
        this.stateRank = stateRank;
        this.commands = commands;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String aggregateId() {
        return aggregateId;
    }

    /** The fold state in its type. */
    public S state() {
        if (!read) {
            state = typed.get();
            read = true;
        }
        return state;
    }

    /** The fold state as stored; never changed once stored, so a reactor must not change it either. */
    public JsonNode stateJson() {
        return stateJson;
    }

    public long stateRank() {
        return stateRank;
    }

    public CommandGateway commands() {
        return commands;
    }
}
