package dev.foldwork.core.service;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import java.util.List;
import java.util.Map;

/**
 * The single writer of streams. It gives each event the next {@code seq} of its stream, stores
 * the events and hands them to dispatch, so that no two events of a stream ever get one
 * {@code seq}, in whatever number of processes the service runs. Each mode has its own:
 * {@link LocalStreamWriter} for one process, the Redis and Temporal writers across processes.
 */
public interface StreamWriter {

    /**
     * Writes {@code events} (in order; a stream's events get consecutive seqs) if every stream in
     * {@code expected} still ends at the {@code seq} given for it (0 for an empty stream): the
     * histories the command decided on are still the latest.
     *
     * @return the events as stored, in the order given, each with its {@code seq}
     * @throws StaleDecisionException an expected stream has moved on; nothing was written
     */
    List<Event> write(List<NewEvent> events, Map<StreamId, Long> expected);

    /**
     * Takes the events of a command that read no history. A writer may answer once they are
     * durably accepted, and store them (in order, with their seqs) after; this one stores them
     * before it answers.
     *
     * @return whether the events are stored already
     */
    default boolean accept(List<NewEvent> events) {
        write(events, Map.of());
        return true;
    }
}
