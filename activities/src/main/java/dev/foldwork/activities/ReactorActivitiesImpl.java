package dev.foldwork.activities;

import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
import io.temporal.activity.Activity;

/** The pipeline's reactors behind {@link ReactorActivities}; a reactor's exception fails the attempt. */
public final class ReactorActivitiesImpl implements ReactorActivities {
    private final ReactorExecutor reactors;

    public ReactorActivitiesImpl(ReactorExecutor reactors) {
        this.reactors = reactors;
    }

    @Override
    public void react(ReactorCall call) {
        try {
            reactors.execute(call);
        } catch (Exception e) {
            throw Activity.wrap(e);
        }
    }
}
