package dev.foldwork.redis.groupqueue;

import dev.foldwork.core.dispatch.RetryPolicy;
import dev.foldwork.core.testing.ChildJvm;
import dev.foldwork.redis.testing.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * A worker process for the two-process FIFO test: args queue, concurrency. Each job appends
 * its body to a log list of its group and counts itself for this process, both under the
 * queue's prefix; it runs until killed.
 */
public final class FifoWorkerMain {
    private FifoWorkerMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int concurrency = Integer.parseInt(args[1]);
        RedisClient client = LocalRedis.client();
        GroupQueue queue = GroupQueue.open(client, name, GroupQueueOptions.defaults().withConcurrency(concurrency)
                .withMaxJobsPerClaim(2), new GroupQueueMetrics(new SimpleMeterRegistry(), name));
        RedisCommands<String, String> redis = client.connect().sync();
        String self = Long.toString(ProcessHandle.current().pid());
        new GroupQueueConsumer(queue, new JobHandler() {
            @Override
            public GroupRun run(ClaimedGroup claim) {
                for (ClaimedJob job : claim.jobs()) {
                    redis.rpush(logKey(queue.keys(), claim.group()), job.body());
                    redis.hincrby(queue.keys().prefix() + "test:by-process", self, 1);
                }
                return GroupRun.all(claim);
            }

            @Override
            public FailureRule failureRule(ClaimedJob job) {
                return new FailureRule(RetryPolicy.of(3, Duration.ofMillis(10)), GroupOutcome.Action.DEAD);
            }
        });
        System.out.println(ChildJvm.READY);
        Thread.currentThread().join();
    }

    static String logKey(QueueKeys keys, String group) {
        return keys.prefix() + "test:log:" + group;
    }
}
