package dev.foldwork.workflows;

/** A group stopped at an event: {@code fold} failed on {@code eventId} for {@code reason}. */
public record Parked(String fold, String eventId, String reason) {}
