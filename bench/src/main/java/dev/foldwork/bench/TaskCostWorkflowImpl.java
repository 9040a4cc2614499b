package dev.foldwork.bench;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Per wake: one local activity, then {@code rounds} rounds of two in parallel. Rounds 2 is the trace
 * pipeline's shape per stored batch (append; persist beside map; two inline reactors), 0 the least.
 */
public final class TaskCostWorkflowImpl implements TaskCostWorkflow {
    private static final String STATE = "s".repeat(1_000);

    private final Step step = Workflow.newLocalActivityStub(Step.class,
            LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    private int pending;

    @Override
    public void run(int rounds) {
        while (Workflow.await(Duration.ofMinutes(10), () -> pending > 0)) {
            pending = 0;
            step.first(STATE);
            for (int round = 0; round < rounds; round++) {
                Promise<String> one = Async.function(step::next, STATE);
                Promise<String> two = Async.function(step::next, STATE);
                Promise.allOf(one, two).get();
            }
        }
    }

    @Override
    public void hint(String payload) {
        pending++;
    }
}
