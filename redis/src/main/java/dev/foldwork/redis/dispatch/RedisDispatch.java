package dev.foldwork.redis.dispatch;

import dev.foldwork.core.dispatch.DispatchContext;
import dev.foldwork.core.dispatch.DispatchMode;
import dev.foldwork.core.dispatch.Dispatching;
import dev.foldwork.core.runtime.MapExecutor;
import dev.foldwork.redis.groupqueue.GroupQueue;
import dev.foldwork.redis.groupqueue.GroupQueueMetrics;
import dev.foldwork.redis.groupqueue.GroupQueueOptions;
import dev.foldwork.redis.writer.PendingWriteRecovery;
import dev.foldwork.redis.writer.RedisStreamWriter;
import dev.foldwork.redis.writer.RedisStreamWriterOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The Redis mode: jobs on the group queue {@code queue} ({@link RedisDispatcher}; a worker role
 * also consumes them, once the setup's service is bound), commands through Redis-assigned
 * {@code seq}s ({@link RedisStreamWriter}), and the recovery of writes a process died in the
 * middle of.
 */
public record RedisDispatch(RedisClient client, String queue, GroupQueueOptions queueOptions,
                            RedisDispatcherOptions options, RedisStreamWriterOptions writerOptions, MeterRegistry meters)
        implements DispatchMode<RedisDispatcher> {

    @Override
    public Dispatching<RedisDispatcher> start(DispatchContext context) {
        GroupQueue groupQueue = GroupQueue.open(client, queue, queueOptions, new GroupQueueMetrics(meters, queue));
        MapExecutor maps = context.mapExecutor();
        RedisDispatcher dispatcher = new RedisDispatcher(groupQueue, context.router(), context.foldExecutor(maps), maps,
                context.reactorExecutor(), options);
        RedisStreamWriter writer = new RedisStreamWriter(client, queue, context.events(), context.observed(dispatcher),
                writerOptions);
        PendingWriteRecovery recovery = writer.recovery().start();
        return new Dispatching<>(dispatcher, writer, dispatcher::startConsuming, List.of(recovery, writer, dispatcher));
    }
}
