package dev.foldwork.redis.groupqueue;

import dev.foldwork.core.dispatch.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A handler for the queue tests: records every attempt (group, body, time), fails the bodies a
 * predicate names, takes {@code workMillis} per job, and checks that no two jobs of one group
 * ever run at the same time.
 */
final class ScriptedHandler implements JobHandler {
    record Attempt(String group, String body, long atMillis, boolean failed) {}

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    final Set<String> overlaps = ConcurrentHashMap.newKeySet();
    private final Set<String> runningGroups = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> workMillis = new ConcurrentHashMap<>();
    volatile Predicate<String> fails = body -> false;
    private final FailureRule rule;

    ScriptedHandler(RetryPolicy policy, GroupOutcome.Action whenExhausted) {
        this.rule = new FailureRule(policy, whenExhausted);
    }

    void work(String groupPrefix, int millis) {
        workMillis.put(groupPrefix, millis);
    }

    @Override
    public GroupRun run(ClaimedGroup claim) {
        if (!runningGroups.add(claim.group())) {
            overlaps.add(claim.group());
        }
        try {
            for (int i = 0; i < claim.jobs().size(); i++) {
                ClaimedJob job = claim.jobs().get(i);
                pause(claim.group());
                boolean failed = fails.test(job.body());
                attempts.add(new Attempt(job.group(), job.body(), System.currentTimeMillis(), failed));
                if (failed) {
                    return new GroupRun(i, new IllegalStateException("scripted failure of " + job.body()));
                }
            }
            return GroupRun.all(claim);
        } finally {
            runningGroups.remove(claim.group());
        }
    }

    @Override
    public FailureRule failureRule(ClaimedJob job) {
        return rule;
    }

    List<String> bodiesOf(String group) {
        return attempts.stream().filter(a -> a.group().equals(group) && !a.failed()).map(Attempt::body).toList();
    }

    List<Attempt> attemptsOf(String group) {
        return attempts.stream().filter(a -> a.group().equals(group)).toList();
    }

    private void pause(String group) {
        workMillis.forEach((prefix, millis) -> {
            if (group.startsWith(prefix)) {
                try {
                    Thread.sleep(millis); // stands for the job's work
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
