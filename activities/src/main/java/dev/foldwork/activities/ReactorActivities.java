package dev.foldwork.activities;

import dev.foldwork.core.runtime.ReactionRef;
import dev.foldwork.core.runtime.ReactorCall;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs one reactor for one event, with its fold's state as it was persisted. */
@ActivityInterface
public interface ReactorActivities {
    /** The call carries the event and the whole state: how runs recorded before references react. */
    @ActivityMethod(name = "RunReactor")
    void react(ReactorCall call);

    /**
     * The reaction a reference names: the fold's state is read from the fold store (it holds the
     * event, maybe later ones too), the event from the reference or, when it was too large to ride
     * along, from the event store. The input stays small whatever the state's and the event's sizes.
     */
    @ActivityMethod(name = "RunReactorByRef")
    void reactTo(ReactionRef ref);
}
