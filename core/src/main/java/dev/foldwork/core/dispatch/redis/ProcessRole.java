package dev.foldwork.core.dispatch.redis;

/** What a process does with the Redis queue: web only stages; worker stages and consumes. */
public enum ProcessRole {
    WEB,
    WORKER
}
