package dev.foldwork.activities;

import dev.foldwork.core.runtime.ReactorCall;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs one reactor for one event, with its fold's state as it was persisted. */
@ActivityInterface
public interface ReactorActivities {
    @ActivityMethod(name = "RunReactor")
    void react(ReactorCall call);
}
