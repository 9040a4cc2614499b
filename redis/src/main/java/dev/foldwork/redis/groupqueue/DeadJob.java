package dev.foldwork.redis.groupqueue;

/** A job that failed its last attempt (or was skipped by an operator), with its body and error. */
public record DeadJob(String id, String group, String body, int attempts, String error, long diedAtMillis) {}
