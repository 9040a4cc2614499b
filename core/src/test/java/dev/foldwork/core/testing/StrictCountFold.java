package dev.foldwork.core.testing;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import java.util.List;

/** A second ledger fold that, like the balance, fails on a "poison" entry: one event poison for two folds. */
public final class StrictCountFold implements FoldProjection<StrictCountFold.Count> {
    public static final StrictCountFold STRICT_COUNT = new StrictCountFold();

    public record Count(long entries) {}

    @Override
    public String name() {
        return "strict_entry_count";
    }

    @Override
    public Class<Count> stateType() {
        return Count.class;
    }

    @Override
    public Count init() {
        return new Count(0);
    }

    @Override
    public Count apply(Count state, Event event) {
        if (event.data().path("memo").asText().equals("poison")) {
            throw new IllegalStateException("poison entry for the count too");
        }
        return new Count(state.entries() + 1);
    }

    /** The ledger with both folds. */
    public static PipelineRegistry ledgerWithBoth(LedgerPipeline.BalanceObserver observer) {
        Pipeline ledger = Pipeline.named(LedgerPipeline.NAME)
                .aggregateType("account")
                .command("record_entry", (payload, context) -> LedgerPipeline.recordEntry(payload))
                .fold(LedgerPipeline.BALANCE)
                .fold(STRICT_COUNT)
                .reactor(LedgerPipeline.BALANCE, new LedgerPipeline.BalanceReactor(observer))
                .build();
        return PipelineRegistry.of(List.of(ledger), Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build());
    }
}
