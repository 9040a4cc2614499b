package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.service.NewEvent;
import java.util.Collection;

/** Estimated payload sizes, to stay below Temporal's 2 MB per payload without serializing twice. */
final class PayloadSize {
    private PayloadSize() {}

    /** The JSON size of the event's data plus room for its ids, type and field names. */
    static long of(Event event) {
        return event.data().toString().length() + 256L;
    }

    static long of(NewEvent event) {
        return event.data().toString().length() + 256L;
    }

    static long of(Collection<Event> events) {
        long bytes = 0;
        for (Event event : events) {
            bytes += of(event);
        }
        return bytes;
    }

    /** A reaction's event plus the fold state it carries. */
    static long of(ReactorCall call) {
        return of(call.event()) + call.state().toString().length();
    }
}
