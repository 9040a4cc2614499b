package dev.foldwork.redis.groupqueue;

/** A group stopped at its head job after that job's last attempt; it waits for an operator. */
public record ParkedGroup(String group, String jobId, int attempts, String error, long parkedAtMillis) {}
