package dev.foldwork.workflows;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run's stream writer hands to the next run: the stream's last seq (null when it must be
 * read from the store again, as after a failed append) and the first seq given to each recent
 * write, by its first event's id, so a write repeated after continue-as-new gets its old seqs.
 */
public record StreamWriterState(Long lastSeq, Map<String, Long> recentWrites) {
    public StreamWriterState {
        recentWrites = recentWrites == null ? new LinkedHashMap<>() : new LinkedHashMap<>(recentWrites);
    }

    public static StreamWriterState unknown() {
        return new StreamWriterState(null, Map.of());
    }
}
