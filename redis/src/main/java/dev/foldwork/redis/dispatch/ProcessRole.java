package dev.foldwork.redis.dispatch;

/** What a process does with the Redis queue: web only stages; worker stages and consumes. */
public enum ProcessRole {
    WEB,
    WORKER
}
