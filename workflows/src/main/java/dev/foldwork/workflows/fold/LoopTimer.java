package dev.foldwork.workflows.fold;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The fold loop's timed waits, on one timer at a time. The SDK's {@code Workflow.await(timeout,
 * condition)} (1.38) starts a timer on every call and leaves it running once the condition holds
 * (sdk-java#2312): the loop waits once per batch, so every batch left an idle or debounce timer
 * that fired later for nothing, a workflow task and five history events each. Here a wait starts
 * no timer when its condition holds already, and otherwise keeps the timer it has when that one
 * fires no later than the wait's deadline: a timer that fires early only wakes the wait, which
 * goes on with one for the rest. Nothing is cancelled (a cancel can race a timer that fires).
 * Runs recorded before wait as the SDK does, and replay so.
 */
final class LoopTimer {
    private Promise<Void> timer;
    private long firesAt;
    private Boolean oneAtATime;

    /** True once {@code condition} holds; false when {@code timeout} passed first. */
    boolean await(Duration timeout, Supplier<Boolean> condition) {
        if (!oneAtATime()) {
            return Workflow.await(timeout, condition);
        }
        long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
        while (!condition.get()) {
            long now = Workflow.currentTimeMillis();
            if (now >= deadline) {
                return false;
            }
            if (timer == null || timer.isCompleted() || firesAt > deadline) {
                timer = Workflow.newTimer(Duration.ofMillis(deadline - now));
                firesAt = deadline;
            }
            Promise<Void> current = timer;
            Workflow.await(() -> condition.get() || current.isCompleted());
        }
        return true;
    }

    private boolean oneAtATime() {
        if (oneAtATime == null) {
            oneAtATime = Workflow.getVersion("one-wait-timer-at-a-time", Workflow.DEFAULT_VERSION, 1) == 1;
        }
        return oneAtATime;
    }
}
