package dev.foldwork.activities;

import dev.foldwork.core.domain.Event;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Runs one map projection over events of one tenant and appends its records. */
@ActivityInterface
public interface MapActivities {
    /** Safe to repeat: the append store keeps one record per event id. */
    @ActivityMethod(name = "AppendMapRecords")
    void append(String map, List<Event> events);
}
