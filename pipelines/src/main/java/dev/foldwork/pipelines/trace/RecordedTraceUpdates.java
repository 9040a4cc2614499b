package dev.foldwork.pipelines.trace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps every update in memory, for tests and the demo. */
public final class RecordedTraceUpdates implements TraceUpdateSink {
    private final List<TraceUpdate> updates = new CopyOnWriteArrayList<>();

    @Override
    public void publish(TraceUpdate update) {
        updates.add(update);
    }

    public List<TraceUpdate> all() {
        return List.copyOf(updates);
    }
}
