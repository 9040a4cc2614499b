package dev.foldwork.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.Foldwork;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.memory.MemoryAppendStore;
import dev.foldwork.core.stores.memory.MemoryEventStore;
import dev.foldwork.core.stores.memory.MemoryFoldStore;
import dev.foldwork.pipelines.Pipelines;
import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.SampleStream;
import dev.foldwork.pipelines.sample.StreamSender;
import dev.foldwork.pipelines.trace.RecordedTraceUpdates;
import dev.foldwork.redis.dispatch.ProcessRole;
import dev.foldwork.redis.dispatch.RedisDispatcher;
import dev.foldwork.redis.dispatch.RedisDispatcherOptions;
import dev.foldwork.redis.groupqueue.GroupQueueAdmin;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.testing.LocalRedis;
import dev.foldwork.redis.testing.RedisFoldwork;
import io.lettuce.core.RedisClient;
import java.time.Duration;

/** The Redis group-queue mode on the local Redis, with memory stores, as one process that stages and consumes. */
record RedisParityMode(int producers) implements ParityMode {
    @Override
    public ParityRun run(SampleStream stream) throws Exception {
        ReactionLog reactions = new ReactionLog();
        PipelineRegistry registry = RecordingReactors.registry(
                Pipelines.registry(MemoryParityMode.SETTINGS, new RecordedTraceUpdates()), reactions);
        RedisClient client = LocalRedis.client();
        String queue = LocalRedis.uniqueQueue("parity");
        try (Foldwork<RedisDispatcher> es = RedisFoldwork.start(client, queue, registry, new MemoryEventStore(),
                new MemoryFoldStore(), new MemoryAppendStore(), GroupQueueOptions.defaults(),
                RedisDispatcherOptions.defaults(ProcessRole.WORKER))) {
            StreamSender.Outcome outcome = new StreamSender(producers).send(es.service(), stream.commands(), sent -> {});
            GroupQueueAdmin admin = es.dispatcher().admin();
            // Done when no job is staged or running; delayed reactor jobs count as staged.
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> {
                GroupQueueAdmin.Snapshot now = admin.snapshot();
                return now.depth() == 0 && now.activeGroups() == 0;
            });
            assertThat(admin.deadLetters()).isEmpty();
            assertThat(admin.parkedGroups()).isEmpty();
            return new ParityRun(outcome, ProjectionSnapshot.read(registry, es.eventStore(), es.foldStore(),
                    es.appendStore(), stream.tenants()), reactions.snapshot());
        } finally {
            LocalRedis.deleteQueue(client, queue);
            client.shutdown();
        }
    }

    @Override
    public String toString() {
        return "redis: " + producers + " producers";
    }
}
