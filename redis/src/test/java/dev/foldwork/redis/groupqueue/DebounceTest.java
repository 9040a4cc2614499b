package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dedup staging: joining the pending job, against backoffs and against steady streams, on the real local Redis. */
class DebounceTest {
    private static final TenantId T = TenantId.of("t1");
    private static final GroupQueueOptions OPTIONS = GroupQueueOptions.defaults().withConcurrency(4)
            .withLease(Duration.ofSeconds(5));

    @Test
    void dedupJoinsThePendingJobAndDelaysIt() throws Exception {
        try (QueueFixture f = new QueueFixture("dedup", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            f.consume(handler);
            long start = System.currentTimeMillis();
            for (String body : List.of("v1", "v2", "v3")) {
                f.stage(StagedJob.dedup(T, "react:x", body, Duration.ofMillis(300)));
            }
            long lastStage = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(5)).until(() -> !handler.bodiesOf("t1:react:x").isEmpty());
            assertThat(handler.bodiesOf("t1:react:x")).containsExactly("v3");
            assertThat(handler.attempts.get(0).atMillis() - lastStage).isGreaterThanOrEqualTo(250);
            assertThat(handler.attempts.get(0).atMillis() - start).isLessThan(3000);
            assertThat(f.meters.get("foldwork.groupqueue.coalesced").counter().count()).isEqualTo(2);

            f.stage(StagedJob.dedup(T, "react:x", "v4", Duration.ofMillis(50)));
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:react:x").size() == 2);
            assertThat(handler.bodiesOf("t1:react:x")).containsExactly("v3", "v4");
        }
    }

    @Test
    void aDedupStageNeverShortensTheBackoffOfTheJobItJoins() throws Exception {
        try (QueueFixture f = new QueueFixture("dedup-backoff", OPTIONS)) {
            ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)),
                    GroupOutcome.Action.DEAD);
            handler.fails = body -> body.equals("v1");
            f.consume(handler);
            f.stage(StagedJob.dedup(T, "react:x", "v1", Duration.ZERO));
            await().atMost(Duration.ofSeconds(5)).until(() -> !handler.attemptsOf("t1:react:x").isEmpty());
            long failedAt = handler.attemptsOf("t1:react:x").get(0).atMillis();

            f.stage(StagedJob.dedup(T, "react:x", "v2", Duration.ZERO));
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:react:x").contains("v2"));
            long ranAt = handler.attemptsOf("t1:react:x").get(1).atMillis();
            assertThat(ranAt - failedAt).as("ms between the failure and the next run (backoff 1 s, jitter 20%)")
                    .isGreaterThanOrEqualTo(750);
        }
    }

    @Test
    void aDebouncedJobUnderASteadyStreamRunsWithinTenDelays() throws Exception {
        try (QueueFixture f = new QueueFixture("dedup-max-wait", OPTIONS)) {
            StreamRun run = streamUntilItRuns(f, "react:y");
            // at the latest 10 delays after the first stage (earlier only if a stage came late)
            assertThat(run.waitedMillis()).as("ms from the first stage to the run").isLessThan(3600L);
        }
    }

    @Test
    void theMaxWaitFactorBoundsTheDebounce() throws Exception {
        try (QueueFixture f = new QueueFixture("dedup-max-wait-3", OPTIONS.withDebounceMaxWaitFactor(3))) {
            StreamRun run = streamUntilItRuns(f, "react:z");
            // 3 delays of 300 ms after the first stage, far before the default's 10 (the bound leaves
            // room for a loaded machine)
            assertThat(run.waitedMillis()).as("ms from the first stage to the run").isLessThan(2000L);
            assertThat(run.waitedMillis() >= 850 || run.longestGapMillis() >= 300)
                    .as("ran no earlier than 3 delays (%d ms), unless a stage came a delay late (longest gap %d ms)",
                            run.waitedMillis(), run.longestGapMillis())
                    .isTrue();
        }
    }

    /** When the debounced job ran, counted from the first stage, and the longest time between two stages. */
    private record StreamRun(long waitedMillis, long longestGapMillis) {}

    /** Stages a new version every 20 ms, each restarting a 300 ms debounce, until the job runs (for up to 6 s). */
    private static StreamRun streamUntilItRuns(QueueFixture f, String name) {
        ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)),
                GroupOutcome.Action.DEAD);
        f.consume(handler);
        String group = T.value() + ":" + name;
        long firstStaged = System.currentTimeMillis();
        long lastStaged = firstStaged;
        long longestGap = 0;
        int n = 0;
        while (handler.attemptsOf(group).isEmpty() && System.currentTimeMillis() - firstStaged < 6000) {
            long now = System.currentTimeMillis();
            longestGap = Math.max(longestGap, now - lastStaged);
            lastStaged = now;
            f.stage(StagedJob.dedup(T, name, "v" + n++, Duration.ofMillis(300)));
            long next = System.nanoTime() + 20_000_000L;
            await().pollInterval(Duration.ofMillis(1)).until(() -> System.nanoTime() >= next);
        }
        assertThat(handler.attemptsOf(group)).as("ran while the stream went on").isNotEmpty();
        return new StreamRun(handler.attemptsOf(group).get(0).atMillis() - firstStaged, longestGap);
    }
}
