package dev.foldwork.core.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.domain.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Dedup staging against backoffs and steady streams, on the real local Redis. */
class DebounceTest {
    private static final TenantId T = TenantId.of("t1");
    private static final GroupQueueOptions OPTIONS = GroupQueueOptions.defaults().withConcurrency(4)
            .withLease(Duration.ofSeconds(5));

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
            ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)),
                    GroupOutcome.Action.DEAD);
            f.consume(handler);
            long firstStaged = System.currentTimeMillis();
            int n = 0;
            // a new version every 20 ms, each restarting a 300 ms debounce, for up to 6 s
            while (handler.attemptsOf("t1:react:y").isEmpty() && System.currentTimeMillis() - firstStaged < 6000) {
                f.stage(StagedJob.dedup(T, "react:y", "v" + n++, Duration.ofMillis(300)));
                long next = System.nanoTime() + 20_000_000L;
                await().pollInterval(Duration.ofMillis(1)).until(() -> System.nanoTime() >= next);
            }
            assertThat(handler.attemptsOf("t1:react:y")).as("ran while the stream went on").isNotEmpty();
            long waited = handler.attemptsOf("t1:react:y").get(0).atMillis() - firstStaged;
            // at the latest 10 delays after the first stage (earlier only if a stage came late)
            assertThat(waited).as("ms from the first stage to the run").isLessThan(3600L);
        }
    }
}
