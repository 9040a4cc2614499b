package dev.foldwork.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.domain.Event;

/**
 * One reaction owed after a fold persisted its state: plain data, so any dispatch mode can
 * queue it. {@code state} is the fold state exactly as it was stored.
 */
public record ReactorCall(FoldGroupId group, String fold, String reactor, Event event, JsonNode state) {}
