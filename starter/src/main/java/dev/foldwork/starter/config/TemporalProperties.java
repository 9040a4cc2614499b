package dev.foldwork.starter.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code foldwork.temporal.*}, used when {@code foldwork.dispatch=temporal}.
 *
 * @param target       the Temporal frontend, host:port
 * @param namespace    the namespace the fold workflows run in
 * @param taskQueue    the task queue of the fold workflows and their activities
 * @param embedded     start Temporal's test server inside this process, listening on
 *                     {@code target}'s port, so Temporal's own tools can attach
 *                     (the embedded default; nothing it holds survives the process)
 * @param embeddedBindAddress the one address the embedded server listens on; 127.0.0.1 unless an
 *                     operator opts in to another, since the test server has no credentials
 * @param batchWindow  how long a fold group's first event waits for more before its signal goes out
 * @param idleTimeout  how long a fold workflow waits for events before it completes
 */
@ConfigurationProperties("foldwork.temporal")
public record TemporalProperties(
        @DefaultValue("127.0.0.1:7233") String target,
        @DefaultValue("default") String namespace,
        @DefaultValue("foldwork-folds") String taskQueue,
        @DefaultValue("true") boolean embedded,
        @DefaultValue("127.0.0.1") String embeddedBindAddress,
        @DefaultValue("5ms") Duration batchWindow,
        @DefaultValue("10m") Duration idleTimeout) {

    public int port() {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("foldwork.temporal.target must be host:port, was \"" + target + "\"");
        }
        return Integer.parseInt(target.substring(colon + 1));
    }
}
