package dev.foldwork.redis.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.service.NewEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A write as the sequence script records it until its events are stored: the first {@code seq}
 * of each of its streams, a newline, then its events as JSON. The events carry their ids, so
 * whoever stores the record (its writer, or recovery) stores the same (id, seq) pairs.
 */
record PendingWrite(String id, List<Event> events) {
    private static final TypeReference<List<NewEvent>> NEW_EVENTS = new TypeReference<>() {};

    /** The record's events part, as the writer sends it to the script. */
    static String encodeEvents(List<NewEvent> events) {
        try {
            return Json.mapper().writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + events.size() + " events for the stream writer", e);
        }
    }

    /** The distinct streams of the events, in the order they first appear: the order of the first seqs. */
    static List<StreamId> streams(List<NewEvent> events) {
        LinkedHashSet<StreamId> streams = new LinkedHashSet<>();
        events.forEach(event -> streams.add(event.stream()));
        return List.copyOf(streams);
    }

    /** The events at consecutive seqs of their streams, from each stream's first. */
    static List<Event> sequenced(List<NewEvent> events, List<Long> firsts) {
        List<StreamId> streams = streams(events);
        if (streams.size() != firsts.size()) {
            throw new IllegalStateException("the sequence script gave " + firsts.size() + " first seqs for "
                    + streams.size() + " streams");
        }
        Map<StreamId, Long> next = new HashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            next.put(streams.get(i), firsts.get(i));
        }
        List<Event> sequenced = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            long seq = next.merge(event.stream(), 1L, Long::sum) - 1;
            sequenced.add(event.at(seq));
        }
        return sequenced;
    }

    static PendingWrite decode(String id, String record) {
        int newline = record.indexOf('\n');
        if (newline < 0) {
            throw new IllegalArgumentException("pending write " + id + " has no newline after its first seqs");
        }
        List<Long> firsts = new ArrayList<>();
        for (String first : record.substring(0, newline).split(",")) {
            firsts.add(Long.parseLong(first));
        }
        try {
            return new PendingWrite(id, sequenced(Json.mapper().readValue(record.substring(newline + 1), NEW_EVENTS), firsts));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pending write " + id + " holds malformed events: " + e.getOriginalMessage(), e);
        }
    }
}
