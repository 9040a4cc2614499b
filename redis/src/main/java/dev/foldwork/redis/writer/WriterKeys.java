package dev.foldwork.redis.writer;

import dev.foldwork.core.domain.StreamId;
import dev.foldwork.redis.groupqueue.QueueKeys;

/**
 * The stream writer's keys, beside the group queue's: {@code fw:{<queue>}:w:...}, so they share
 * the queue's hash tag (one Redis Cluster slot, which the scripts need). One counter per stream
 * ({@code seq:<tenant>:<type>:<aggregate id>}; tenant and type hold no ':', so it is unambiguous)
 * and three keys for the writes in flight: their records, when each was made, when each is due;
 * one more for the Redis process the counters were written under.
 */
final class WriterKeys {
    private final String prefix;

    WriterKeys(String queue) {
        this.prefix = new QueueKeys(queue).prefix() + "w:";
    }

    String counter(StreamId stream) {
        return prefix + "seq:" + stream.tenantId() + ":" + stream.aggregateType() + ":" + stream.aggregateId();
    }

    String pending() {
        return prefix + "pending";
    }

    String created() {
        return prefix + "created";
    }

    String due() {
        return prefix + "due";
    }

    /** The Redis process the counters were last written under, and its epoch (see sequence.lua). */
    String boot() {
        return prefix + "boot";
    }
}
