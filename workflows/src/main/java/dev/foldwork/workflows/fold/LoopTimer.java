package dev.foldwork.workflows.fold;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fold loop's timed waits, on as few timers as it can. The SDK's {@code Workflow.await(timeout,
 * condition)} (1.38) starts a timer on every call and leaves it running once the condition holds
 * (sdk-java#2312): the loop waits once per batch, so every batch left an idle or debounce timer
 * that fired later for nothing, a workflow task and five history events each. Here a wait starts
 * no timer when its condition holds already, and otherwise waits on a running timer that fires no
 * later than its deadline, the latest such: one that fires early only wakes the wait, which goes
 * on with one for the rest. A new timer starts only when none fires in time (a debounced reaction
 * due before the idle timer fires). Nothing is cancelled (a cancel can race a timer that fires).
 * Runs recorded before wait as the SDK does, and replay so.
 */
final class LoopTimer {
    private final List<Running> running = new ArrayList<>();
    private Boolean reuses;

    private record Running(Promise<Void> fired, long firesAt) {}

    /** True once {@code condition} holds; false when {@code timeout} passed first. */
    boolean await(Duration timeout, Supplier<Boolean> condition) {
        if (!reusesTimers()) {
            return Workflow.await(timeout, condition);
        }
        long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
        while (!condition.get()) {
            long now = Workflow.currentTimeMillis();
            if (now >= deadline) {
                return false;
            }
            Promise<Void> wake = timerBy(deadline, now);
            Workflow.await(() -> condition.get() || wake.isCompleted());
        }
        return true;
    }

    /** The running timer that fires last but no later than {@code deadline}; a new one if none does. */
    private Promise<Void> timerBy(long deadline, long now) {
        running.removeIf(timer -> timer.fired().isCompleted());
        Running latest = null;
        for (Running timer : running) { // a list, in the order started: the same on replay
            if (timer.firesAt() <= deadline && (latest == null || timer.firesAt() > latest.firesAt())) {
                latest = timer;
            }
        }
        if (latest == null) {
            latest = new Running(Workflow.newTimer(Duration.ofMillis(deadline - now)), deadline);
            running.add(latest);
        }
        return latest.fired();
    }

    private boolean reusesTimers() {
        if (reuses == null) {
            reuses = Workflow.getVersion("reuse-running-wait-timers", Workflow.DEFAULT_VERSION, 1) == 1;
        }
        return reuses;
    }
}
