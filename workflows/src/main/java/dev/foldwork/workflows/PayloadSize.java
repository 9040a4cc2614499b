package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.json.JsonSize;
import dev.foldwork.core.runtime.ReactorCall;
import dev.foldwork.core.service.NewEvent;
import java.util.Collection;

/** Estimated payload sizes, to stay below Temporal's 2 MB per payload without serializing twice. */
public final class PayloadSize {
    /** About what an event's reference (its stream and seqs) takes in a signal. */
    public static final long REFERENCE = 256L;

    private PayloadSize() {}

    /** The UTF-8 size of the event's data as JSON, plus room for its ids, type and field names. */
    public static long of(Event event) {
        return JsonSize.utf8Bytes(event.data()) + 256L;
    }

    public static long of(NewEvent event) {
        return JsonSize.utf8Bytes(event.data()) + 256L;
    }

    public static long of(Collection<Event> events) {
        long bytes = 0;
        for (Event event : events) {
            bytes += of(event);
        }
        return bytes;
    }

    /** A reaction's event plus the fold state it carries. */
    public static long of(ReactorCall call) {
        return of(call.event()) + JsonSize.utf8Bytes(call.state());
    }
}
