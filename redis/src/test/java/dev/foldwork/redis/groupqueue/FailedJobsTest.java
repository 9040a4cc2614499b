package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.dispatch.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failing job retries with backoff at its group's head, then goes to the dead letters or parks its
 * group, as its failure rule says, until an operator acts; against the real local Redis.
 */
class FailedJobsTest {
    @Test
    void retriesWithBackoffKeepingTheFailedJobAtTheHead() throws Exception {
        try (QueueFixture f = new QueueFixture("retry", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            int[] failuresLeft = {2};
            handler.fails = body -> body.equals("a") && failuresLeft[0]-- > 0;
            f.consume(handler);
            f.stage(job("g", "a"), job("g", "b"), job("g", "c"));

            await().atMost(Duration.ofSeconds(10)).until(() -> handler.bodiesOf("t1:g").size() == 3);
            var attempts = handler.attemptsOf("t1:g");
            assertThat(attempts).extracting(ScriptedHandler.Attempt::body).containsExactly("a", "a", "a", "b", "c");
            // backoffs of 100 and 200 ms, each jittered by up to 20%
            assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isGreaterThanOrEqualTo(75);
            assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isGreaterThanOrEqualTo(155);
            assertThat(f.meters.get("foldwork.groupqueue.retried").tag("attempt", "1").counter().count()).isEqualTo(1);
            assertThat(f.meters.get("foldwork.groupqueue.retried").tag("attempt", "2").counter().count()).isEqualTo(1);
            assertThat(f.meters.get("foldwork.groupqueue.run").timer().count()).isPositive();
            assertThat(f.meters.get("foldwork.groupqueue.wait").timer().count()).isPositive();
        }
    }

    @Test
    void deadLettersAfterTheLastAttemptAndRetriesOrDiscardsThem() throws Exception {
        try (QueueFixture f = new QueueFixture("dead", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)),
                    GroupOutcome.Action.DEAD);
            handler.fails = body -> body.startsWith("bad");
            f.consume(handler);
            f.stage(job("g", "bad-1"), job("g", "next"), job("h", "bad-2"));

            await().atMost(Duration.ofSeconds(10)).until(() -> f.admin.deadLetters().size() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:g").equals(List.of("next")));
            // retries are jittered, so either job may have died first
            DeadJob first = f.admin.deadLetters().stream().filter(d -> d.group().equals("t1:g")).findFirst().orElseThrow();
            assertThat(first.body()).isEqualTo("bad-1");
            assertThat(first.attempts()).isEqualTo(2);
            assertThat(first.error()).contains("scripted failure of bad-1");

            handler.fails = body -> false;
            assertThat(f.admin.retryDeadLetter(first.id())).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:g").equals(List.of("next", "bad-1")));
            String second = f.admin.deadLetters().get(0).id();
            assertThat(f.admin.discardDeadLetter(second)).isTrue();
            assertThat(f.admin.deadLetters()).isEmpty();
            assertThat(f.admin.discardDeadLetter(second)).isFalse();
            assertThat(f.meters.get("foldwork.groupqueue.dead_lettered").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void parksAGroupUntilAnOperatorRetriesOrSkips() throws Exception {
        try (QueueFixture f = new QueueFixture("park", FAST)) {
            ScriptedHandler handler = new ScriptedHandler(new RetryPolicy(2, Duration.ofMillis(20), 2.0, Duration.ofSeconds(1)),
                    GroupOutcome.Action.PARK);
            handler.fails = body -> body.startsWith("poison");
            f.consume(handler);
            f.stage(job("p", "1"), job("p", "poison-a"), job("p", "2"), job("q", "poison-b"), job("q", "3"));

            await().atMost(Duration.ofSeconds(10)).until(() -> f.admin.parkedGroups().size() == 2);
            ParkedGroup parked = f.admin.parkedGroups().stream().filter(p -> p.group().equals("t1:p")).findFirst().orElseThrow();
            assertThat(parked.attempts()).isEqualTo(2);
            assertThat(parked.error()).contains("poison-a");
            assertThat(handler.bodiesOf("t1:p")).containsExactly("1");
            assertThat(handler.bodiesOf("t1:q")).isEmpty();
            f.queue.metrics().refresh(f.admin.snapshot());
            assertThat(f.meters.get("foldwork.groupqueue.parked_groups_by_tenant").tag("tenant", "t1").gauge().value())
                    .isEqualTo(2);

            handler.fails = body -> body.equals("poison-b");
            assertThat(f.admin.retryParked("t1:p")).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:p").equals(List.of("1", "poison-a", "2")));

            assertThat(f.admin.skipParked("t1:q")).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> handler.bodiesOf("t1:q").equals(List.of("3")));
            assertThat(f.admin.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.body()).isEqualTo("poison-b");
                assertThat(d.error()).startsWith("skipped by an operator");
            });
            assertThat(f.admin.parkedGroups()).isEmpty();
            assertThat(f.admin.retryParked("t1:q")).isFalse();
        }
    }
}
