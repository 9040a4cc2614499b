package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
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
        return utf8Bytes(event.data().toString()) + 256L;
    }

    public static long of(NewEvent event) {
        return utf8Bytes(event.data().toString()) + 256L;
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
        return of(call.event()) + utf8Bytes(call.state().toString());
    }

    /** What the text takes in UTF-8, the payloads' encoding, counted without encoding it. */
    public static long utf8Bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // one code point above the BMP, two chars
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
