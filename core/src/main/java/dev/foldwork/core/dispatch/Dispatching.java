package dev.foldwork.core.dispatch;

import dev.foldwork.core.service.LocalStreamWriter;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.EventStore;
import java.util.List;

/**
 * What a {@link DispatchMode} started: its dispatcher, the writer commands go through, and what to
 * close when the setup closes, in order (a writer before the dispatcher it feeds).
 */
public record Dispatching<D extends EventDispatcher>(D dispatcher, StreamWriter writer, List<AutoCloseable> toClose) {
    public Dispatching {
        toClose = List.copyOf(toClose);
    }

    /** A dispatcher whose streams this process alone writes ({@link LocalStreamWriter}). */
    public static <D extends EventDispatcher> Dispatching<D> local(D dispatcher, EventStore events) {
        return new Dispatching<>(dispatcher, new LocalStreamWriter(events, dispatcher), List.of(dispatcher));
    }
}
