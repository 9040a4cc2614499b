package dev.foldwork.redis.groupqueue;

/** A job handed to a worker: its id, group, body and how often it failed before. */
public record ClaimedJob(String id, String group, String body, int failedAttempts) {}
