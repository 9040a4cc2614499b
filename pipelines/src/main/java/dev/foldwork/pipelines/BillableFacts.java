package dev.foldwork.pipelines;

import dev.foldwork.core.domain.Event;
import java.util.List;
import java.util.Set;

/**
 * Billing counts each billable fact once, but the folds accept a fact reported again (a second
 * {@code finish}, a re-reported evaluation result). The global {@code billing_meter} sees every
 * aggregate's events and cannot remember each fact, so the command, which reads its aggregate's
 * history anyway, marks a repeat in the event ({@value #REPEAT}: true) and billing skips it.
 * Events stored before the mark existed have no such field and read as not repeats.
 */
public final class BillableFacts {
    /** The event field that marks a billable event as a repeat of a fact its aggregate already holds. */
    public static final String REPEAT = "repeat";

    private BillableFacts() {}

    /** Whether {@code history} already holds an event of one of {@code billedTypes}: a new one repeats it. */
    public static boolean alreadyBilled(List<Event> history, Set<String> billedTypes) {
        return history.stream().anyMatch(event -> billedTypes.contains(event.type()));
    }

    /** Whether a stored event was marked a repeat when its command decided it. */
    public static boolean isRepeat(Event event) {
        return event.data().path(REPEAT).asBoolean(false);
    }
}
