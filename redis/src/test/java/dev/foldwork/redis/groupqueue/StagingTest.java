package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.QUICK;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What staging takes in and keeps: bad groups and large bodies refused before anything is staged,
 * bodies over 64 KiB kept apart and whole, and the scripts loaded again after a flush. Against the
 * real local Redis.
 */
class StagingTest {
    @Test
    void refusesBadGroupsAndLargeBodiesBeforeStagingAnything() throws Exception {
        try (QueueFixture f = new QueueFixture("refuse", FAST.withMaxBodyBytes(100))) {
            for (String bad : List.of("t1:{tag}", "t1:a b", "t1:new\nline", "no-tenant", "t1:*", ":x")) {
                assertThatThrownBy(() -> new StagedJob(StagedJob.Mode.IN_GROUP, bad, "b", 0, ""))
                        .isInstanceOf(InvalidGroupException.class).hasMessageContaining("is not allowed");
            }
            assertThatThrownBy(() -> job("x".repeat(400), "b")).isInstanceOf(InvalidGroupException.class);
            List<StagedJob> batch = List.of(job("ok", "small"), job("ok", "y".repeat(101)));
            assertThatThrownBy(() -> f.queue.stage(batch)).isInstanceOf(JobTooLargeException.class)
                    .hasMessageContaining("101 bytes, over the limit of 100");
            assertThat(f.admin.snapshot().depth()).isZero();
        }
    }

    @Test
    void bodiesOver64KiBLiveOutsideTheJobsHashAndComeBackWholeThroughRetriesAndDeadLetters() throws Exception {
        try (QueueFixture f = new QueueFixture("big-bodies", FAST)) {
            var redis = f.queue.connection().sync();
            String prefix = f.queue.keys().prefix();
            String big = "{\"blob\": \"" + "é".repeat(40 * 1024) + "\"}"; // 80 KiB in UTF-8
            f.admin.pause("t1:big");
            f.stage(job("big", big), job("big", "small"));
            String bigId = f.admin.groupJobs("t1:big", 10, null).items().get(0).id();
            assertThat(redis.hstrlen(prefix + "jobs", bigId)).as("the jobs hash holds a marker").isLessThan(16);
            assertThat(f.admin.groupJobs("t1:big", 10, null).items()).extracting(GroupQueueAdmin.GroupJob::body)
                    .containsExactly(big, "small");

            ScriptedHandler handler = new ScriptedHandler(QUICK, GroupOutcome.Action.DEAD);
            boolean[] failBig = {true};
            handler.fails = body -> body.equals(big) && failBig[0];
            f.consume(handler);
            f.admin.resume("t1:big");
            await().atMost(Duration.ofSeconds(15)).until(() -> handler.bodiesOf("t1:big").equals(List.of("small")));
            assertThat(handler.attemptsOf("t1:big")).filteredOn(ScriptedHandler.Attempt::failed).extracting(ScriptedHandler.Attempt::body).containsOnly(big);
            assertThat(redis.exists(prefix + "b:" + bigId)).as("the dead letter took the body along").isZero();
            DeadJob dead = f.admin.deadLetters().get(0);
            assertThat(dead.body()).isEqualTo(big);

            failBig[0] = false;
            assertThat(f.admin.retryDeadLetter(dead.id())).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.bodiesOf("t1:big").equals(List.of("small", big)));
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.keys(prefix + "b:*").isEmpty());
        }
    }

    @Test
    void scriptsComeBackAfterTheScriptCacheWasFlushed() throws Exception {
        try (QueueFixture f = new QueueFixture("noscript", FAST)) {
            try (var connection = f.client.connect()) {
                connection.sync().scriptFlush();
            }
            f.stage(job("g", "after-flush"));
            assertThat(f.queue.claim(1).groups()).singleElement()
                    .satisfies(g -> assertThat(g.jobs().get(0).body()).isEqualTo("after-flush"));
        }
    }
}
