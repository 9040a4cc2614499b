package dev.foldwork.pipelines.trace;

/** Where trace updates are broadcast: a websocket hub, a pub/sub topic, or a recorder in tests. */
@FunctionalInterface
public interface TraceUpdateSink {
    void publish(TraceUpdate update);
}
