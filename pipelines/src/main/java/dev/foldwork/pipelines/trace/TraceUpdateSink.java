package dev.foldwork.pipelines.trace;

/**
 * Where trace updates are broadcast: a websocket hub, a pub/sub topic, or a recorder in tests.
 * Called inline with the fold's persist (see {@link UpdateBroadcastReactor}): it hands the update
 * on (a hub's own queue) and never blocks on a network.
 */
@FunctionalInterface
public interface TraceUpdateSink {
    void publish(TraceUpdate update);
}
