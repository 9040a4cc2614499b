package dev.foldwork.workflows;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Workflow.await(timeout, condition)} whose timer ends with the wait. The SDK (1.38) leaves
 * the timer running once the condition holds (sdk-java#2312): each wait of the fold loop, one per
 * batch, left a timer that fired later for nothing, a workflow task and five history events each.
 * Here the timer is cancelled when the condition holds first, and none is started when it holds
 * already. Runs recorded before replay with the SDK's wait.
 */
final class TimedWait {
    private TimedWait() {}

    /** True once the condition holds; false when the timeout passed first. */
    static boolean await(Duration timeout, Supplier<Boolean> condition) {
        if (Workflow.getVersion("cancel-wait-timers", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return Workflow.await(timeout, condition);
        }
        if (condition.get()) {
            return true;
        }
        Promise<?>[] timer = new Promise<?>[1];
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            timer[0] = Workflow.newTimer(timeout);
        });
        scope.run();
        Workflow.await(() -> condition.get() || timer[0].isCompleted());
        if (condition.get()) {
            scope.cancel();
            return true;
        }
        return false;
    }
}
