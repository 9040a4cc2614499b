package dev.foldwork.core.dispatch;

import dev.foldwork.core.service.LocalStreamWriter;
import dev.foldwork.core.service.StreamWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link DispatchMode} started: its dispatcher, the writer commands go through, what to
 * start once the setup's service exists (a worker whose reactors send commands), and what to
 * close when the setup closes, in order (a worker before the writer, a writer before the
 * dispatcher it feeds).
 */
public record Dispatching<D extends EventDispatcher>(D dispatcher, StreamWriter writer, Runnable start,
                                                     List<AutoCloseable> toClose) {
    public Dispatching {
        toClose = List.copyOf(toClose);
    }

    /** Nothing left to start: the parts run from their construction. */
    public Dispatching(D dispatcher, StreamWriter writer, List<AutoCloseable> toClose) {
        this(dispatcher, writer, () -> {}, toClose);
    }

    /**
     * A dispatcher whose streams this process alone writes ({@link LocalStreamWriter}); the writer
     * hands the stored events to it through the setup's observer.
     */
    public static <D extends EventDispatcher> Dispatching<D> local(D dispatcher, DispatchContext context) {
        return new Dispatching<>(dispatcher, new LocalStreamWriter(context.events(), context.observed(dispatcher)),
                List.of(dispatcher));
    }

    /** Runs {@code start} once the service is bound, and closes {@code part} before everything else. */
    public Dispatching<D> withStartedPart(Runnable start, AutoCloseable part) {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(part);
        parts.addAll(toClose);
        return new Dispatching<>(dispatcher, writer, start, parts);
    }
}
