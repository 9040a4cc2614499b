package dev.foldwork.workflows.processes;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.StreamHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The event store the web process writes, one JSON event per line, read by the worker process
 * when a fold fills a gap. Read only: enough for the tests that run the roles as processes.
 */
public final class FileEventStore implements EventStore {
    private final Path file;

    public FileEventStore(Path file) {
        this.file = file;
    }

    /** Every event in the file, in the order written. */
    public List<Event> all() {
        List<Event> events = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return events;
            }
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    events.add(Json.mapper().readValue(line, Event.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    @Override
    public List<Event> read(StreamId stream, long fromSeq, long toSeq) {
        return all().stream()
                .filter(e -> e.streamId().equals(stream) && e.seq() >= fromSeq && e.seq() <= toSeq)
                .sorted(Comparator.comparingLong(Event::seq))
                .toList();
    }

    @Override
    public List<Event> read(TenantId tenantId, AggregateType aggregateType, String aggregateId) {
        return read(new StreamId(tenantId, aggregateType, aggregateId), 1, Long.MAX_VALUE);
    }

    @Override
    public long lastSeq(StreamId stream) {
        return read(stream, 1, Long.MAX_VALUE).stream().mapToLong(Event::seq).max().orElse(0);
    }

    @Override
    public void append(TenantId tenantId, List<Event> events) {
        throw new UnsupportedOperationException("the web process writes this file");
    }

    @Override
    public List<String> aggregateIds(TenantId tenantId, AggregateType aggregateType) {
        throw new UnsupportedOperationException("not needed by the process tests");
    }

    @Override
    public List<TenantId> tenantsWrittenSince(long sinceMs) {
        throw new UnsupportedOperationException("not needed by the process tests");
    }

    @Override
    public List<StreamHead> streamsWrittenSince(TenantId tenantId, long sinceMs, long settledAtMs) {
        throw new UnsupportedOperationException("not needed by the process tests");
    }
}
