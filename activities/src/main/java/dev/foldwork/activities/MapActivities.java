package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.SeqRange;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Runs one map projection over events of one tenant and appends their records. */
@ActivityInterface
public interface MapActivities {
    /** Safe to repeat: the append store keeps one record per event id. */
    @ActivityMethod(name = "AppendMapRecords")
    void append(String map, List<Event> events);

    /**
     * As {@link #append}, for the events of the given stream ranges read from the event store
     * inside the activity: a batch too large to carry is passed this way, so the input stays small.
     */
    @ActivityMethod(name = "AppendMapRecordsOfRanges")
    void appendRanges(String map, List<SeqRange> ranges);
}
