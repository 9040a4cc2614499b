package dev.foldwork.core.dispatch.memory;

import dev.foldwork.core.runtime.FoldGroupId;

/**
 * A fold group the memory dispatcher parked after its last attempt: {@code fold} failed on
 * {@code eventId} (both null when the failure was not a fold's, e.g. the store), with the error
 * {@code reason}. Its events wait, in order, for an operator's retry or skip.
 */
public record ParkedFoldGroup(FoldGroupId group, String fold, String eventId, String reason, int attempts,
                              long parkedAtMillis) {}
