package dev.foldwork.redis.groupqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.testing.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two worker processes at concurrency 32 each share one queue; every group still runs in order. */
class TwoProcessFifoTest {
    static final int GROUPS = 200;
    static final int JOBS_PER_GROUP = 50;

    @Test
    void twoWorkerProcessesKeepEveryGroupInOrder() throws Exception {
        try (QueueFixture f = new QueueFixture("two-procs", GroupQueueOptions.defaults());
             ChildJvm first = ChildJvm.start(FifoWorkerMain.class, f.queue.keys().queue(), "32");
             ChildJvm second = ChildJvm.start(FifoWorkerMain.class, f.queue.keys().queue(), "32");
             var connection = f.client.connect()) {
            for (int round = 0; round < JOBS_PER_GROUP; round++) {
                List<StagedJob> batch = new ArrayList<>();
                for (int g = 0; g < GROUPS; g++) {
                    batch.add(StagedJob.inGroup(TenantId.of("t" + g % 3), "g" + g, Integer.toString(round)));
                }
                f.queue.stage(batch).join();
            }
            var redis = connection.sync();
            await().atMost(Duration.ofSeconds(60)).until(() -> f.admin.snapshot().depth() == 0);

            List<String> expected = IntStream.range(0, JOBS_PER_GROUP).mapToObj(Integer::toString).toList();
            for (int g = 0; g < GROUPS; g++) {
                String group = "t" + g % 3 + ":g" + g;
                assertThat(redis.lrange(FifoWorkerMain.logKey(f.queue.keys(), group), 0, -1)).as(group).isEqualTo(expected);
            }
            Map<String, String> byProcess = redis.hgetall(f.queue.keys().prefix() + "test:by-process");
            assertThat(byProcess).containsOnlyKeys(Long.toString(first.pid()), Long.toString(second.pid()));
            assertThat(byProcess.values().stream().mapToLong(Long::parseLong).sum()).isEqualTo(GROUPS * JOBS_PER_GROUP);
        }
    }
}
