package dev.foldwork.activities;

import dev.foldwork.core.runtime.OwedReactions;
import dev.foldwork.core.runtime.ReactionRef;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.runtime.ReactorExecutor;
import io.temporal.activity.Activity;

/** The pipeline's reactors behind {@link ReactorActivities}; a reactor's exception fails the attempt. */
public final class ReactorActivitiesImpl implements ReactorActivities {
    private final ReactorExecutor reactors;
    private final OwedReactions references;

    public ReactorActivitiesImpl(ReactorExecutor reactors, OwedReactions references) {
        this.reactors = reactors;
        this.references = references;
    }

    @Override
    public void react(ReactorCall call) {
        try {
            reactors.execute(call);
        } catch (Exception e) {
            throw Activity.wrap(e);
        }
    }

    @Override
    public void reactTo(ReactionRef ref) {
        try {
            reactors.execute(references.read(ref));
        } catch (Exception e) {
            throw Activity.wrap(e);
        }
    }
}
