package dev.foldwork.core.dispatch;

/** Work that failed its last attempt: what it was, and the error it ended with. */
public record DeadLetter(String kind, String description, int attempts, String error) {}
