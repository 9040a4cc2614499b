package dev.foldwork.service;

import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.testing.LedgerPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pipeline whose fold fails on a poison event until the test "deploys a fix" ({@link #CURED}):
 * command {@code count} with {@code {"tallyId": "...", "memo": "..."}}; the fold
 * {@value #FOLD} counts the entries and keeps the last memo, and throws on the memo
 * {@code poison} while not cured (as {@link LedgerPipeline}'s balance fold does, always).
 */
final class TallyPipeline {
    static final String NAME = "tally";
    static final String FOLD = "tally_count";
    /** Whether the fold was fixed; tests set it, the fold reads it (in a Temporal workflow too: a park starts a new run). */
    static final AtomicBoolean CURED = new AtomicBoolean();

    private TallyPipeline() {}

    record Count(long entries, String lastMemo) {}

    static final class CountFold implements FoldProjection<Count> {
        @Override
        public String name() {
            return FOLD;
        }

        @Override
        public Class<Count> stateType() {
            return Count.class;
        }

        @Override
        public Count init() {
            return new Count(0, "");
        }

        @Override
        public Count apply(Count state, Event event) {
            String memo = event.data().path("memo").asText();
            if (memo.equals("poison") && !CURED.get()) {
                throw new IllegalStateException("poison tally entry");
            }
            return new Count(state.entries() + 1, memo);
        }
    }

    record Entry(String tallyId, String memo) {}

    static Pipeline pipeline() {
        return Pipeline.named(NAME)
                .aggregateType("tally")
                .command("count", (payload, context) -> {
                    String id = payload.requiredId("tallyId");
                    String memo = payload.optionalString("memo", 100).orElse("");
                    payload.validate();
                    return List.of(EventDraft.of(id, "Counted", 1, new Entry(id, memo)));
                })
                .fold(new CountFold())
                .build();
    }

    /** The product's pipelines and this one. */
    static PipelineRegistry with(PipelineRegistry product) {
        List<Pipeline> pipelines = new ArrayList<>(product.pipelines());
        pipelines.add(pipeline());
        return PipelineRegistry.of(pipelines, product.globalProjections());
    }
}
