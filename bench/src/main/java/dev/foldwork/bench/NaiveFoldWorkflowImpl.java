package dev.foldwork.bench;

import dev.foldwork.activities.FoldActivityPolicies;
import dev.foldwork.activities.FoldStateActivities;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.runtime.FoldGroupId;
import dev.foldwork.core.runtime.FoldStep;
import dev.foldwork.core.stores.FoldCheckpoint;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/** Loads the state once, then for each signalled event: apply it, persist it. No batching anywhere. */
public final class NaiveFoldWorkflowImpl implements NaiveFoldWorkflow {
    private final FoldStateActivities foldLoads =
            Workflow.newLocalActivityStub(FoldStateActivities.class, FoldActivityPolicies.defaults().load());
    private final FoldStateActivities foldStates =
            Workflow.newActivityStub(FoldStateActivities.class, FoldActivityPolicies.defaults().persist());
    private final ArrayDeque<Event> queue = new ArrayDeque<>();

    @Override
    public void run(FoldGroupId group) {
        String fold = LedgerPipeline.BALANCE.name();
        StoredFold stored = foldLoads.load(group, List.of(fold)).get(fold);
        Balance state = stored == null ? LedgerPipeline.BALANCE.init() : Json.fromNode(stored.state(), Balance.class);
        FoldCheckpoint checkpoint = stored == null ? FoldCheckpoint.START : stored.checkpoint();
        while (Workflow.await(Duration.ofMinutes(10), () -> !queue.isEmpty())) {
            FoldStep.Result<Balance> result = FoldStep.apply(LedgerPipeline.BALANCE, state, checkpoint, List.of(queue.poll()));
            state = result.state();
            checkpoint = result.checkpoint();
            foldStates.store(group, fold, new StoredFold(Json.toNode(state), checkpoint));
        }
    }

    @Override
    public void event(Event event) {
        queue.add(event);
    }
}
