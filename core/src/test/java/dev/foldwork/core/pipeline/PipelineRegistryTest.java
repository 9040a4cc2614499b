package dev.foldwork.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.testing.AuditPipeline;
import dev.foldwork.core.testing.LedgerPipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineRegistryTest {
    private static final Pipeline LEDGER = LedgerPipeline.pipeline((context, event) -> {});

    @Test
    void looksUpPipelinesProjectionsAndReactors() {
        PipelineRegistry registry = LedgerPipeline.registry((context, event) -> {});
        assertThat(registry.pipeline("ledger")).isPresent();
        assertThat(registry.pipelineOf(AggregateType.of("account"))).get().extracting(Pipeline::name).isEqualTo("ledger");
        assertThat(registry.fold("account_balance")).isPresent();
        assertThat(registry.fold("monthly_volume")).isPresent();
        assertThat(registry.map("entry_log")).isPresent();
        assertThat(registry.reactor("account_balance", "balance_watch")).isPresent();
        assertThat(registry.globalFolds()).extracting(f -> f.name()).containsExactly("monthly_volume");
        assertThat(registry.globalProjections().name()).isEqualTo(Pipeline.GLOBAL_PROJECTIONS);
        assertThat(LEDGER.commandTypes()).containsExactly("record_entry");
    }

    @Test
    void aPipelineWithMapsAndNoFoldsGetsAPositionFoldSoItsLostDeliveriesAreFound() {
        Pipeline audit = AuditPipeline.pipeline();
        assertThat(audit.folds()).extracting(f -> f.name()).containsExactly("audit_map_position");
        assertThat(PipelineRegistry.of(audit).fold("audit_map_position")).isPresent();
        assertThat(Pipeline.named("empty").build().folds()).as("nothing to track without maps").isEmpty();
        assertThat(LedgerPipeline.pipeline((c, e) -> {}).folds()).extracting(f -> f.name()).containsExactly("account_balance");
    }

    @Test
    void refusesTwoPipelinesWithOneName() {
        Pipeline other = Pipeline.named("ledger").aggregateType("other").build();
        assertThatThrownBy(() -> PipelineRegistry.of(LEDGER, other)).hasMessage("two pipelines are named ledger");
    }

    @Test
    void refusesTwoPipelinesWithOneAggregateType() {
        Pipeline other = Pipeline.named("books").aggregateType("account").build();
        assertThatThrownBy(() -> PipelineRegistry.of(LEDGER, other))
                .hasMessage("pipelines ledger and books share the aggregate type account");
    }

    @Test
    void refusesTwoProjectionsWithOneName() {
        Pipeline other = Pipeline.named("books").fold(new LedgerPipeline.BalanceFold()).build();
        assertThatThrownBy(() -> PipelineRegistry.of(LEDGER, other)).hasMessage("two projections are named account_balance");
    }

    @Test
    void refusesAReactorOfAFoldThePipelineDoesNotHave() {
        assertThatThrownBy(() -> Pipeline.named("books")
                .reactor(LedgerPipeline.BALANCE, new LedgerPipeline.BalanceReactor((c, e) -> {})))
                .hasMessageContaining("bound to fold account_balance, which pipeline books does not have");
    }

    @Test
    void globalPipelineTakesOnlyGlobalFolds() {
        assertThatThrownBy(() -> Pipeline.globalProjections().fold(LedgerPipeline.BALANCE))
                .hasMessageContaining("must be a GlobalFoldProjection");
        assertThatThrownBy(() -> Pipeline.globalProjections().command("x", (p, c) -> List.of()))
                .hasMessageContaining("holds only folds");
        assertThatThrownBy(() -> PipelineRegistry.of(List.of(Pipeline.globalProjections().build()), Pipeline.globalProjections().build()))
                .hasMessageContaining("register global folds with globalProjections");
    }

    @Test
    void refusesBadNames() {
        assertThatThrownBy(() -> Pipeline.named("Bad Name")).hasMessageContaining("pipeline name");
        assertThatThrownBy(() -> Pipeline.named("ok").command("Bad-Type", (p, c) -> List.of()))
                .hasMessageContaining("command type");
    }
}
