package dev.foldwork.bench;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Counts what it is sent; ends after ten idle minutes. */
public final class CeilingWorkflowImpl implements CeilingWorkflow {
    private final Touch touch = Workflow.newLocalActivityStub(Touch.class,
            LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    private int received;

    @Override
    public void run() {
        int seen = -1;
        while (seen != received) {
            seen = received;
            Workflow.await(Duration.ofMinutes(10), () -> false);
        }
    }

    @Override
    public int update(String value) {
        received++;
        return touch.touch(value);
    }

    @Override
    public void signal(String value) {
        received++;
    }
}
