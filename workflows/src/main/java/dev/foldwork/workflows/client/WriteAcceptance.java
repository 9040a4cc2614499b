package dev.foldwork.workflows.client;

import java.time.Duration;

/**
 * When a {@link TemporalStreamWriter} answers an ingestion write ({@code acceptsBeforeStoring}):
 * once Temporal recorded its signal ({@link #whenSignalled}: a real cluster keeps what it
 * accepted), once this process's own worker stored its events after the signal
 * ({@link #whenStoredBy}: a test server inside the process, whose histories die with it), or
 * only by a write that stores first ({@link #never}).
 */
public record WriteAcceptance(boolean bySignal, LocalAppendWatch watch, Duration storeWait) {
    /** How long a write sent by signal waits for this process's worker to store it. */
    public static final Duration STORE_WAIT = Duration.ofSeconds(30);

    public static WriteAcceptance whenSignalled() {
        return new WriteAcceptance(true, null, null);
    }

    public static WriteAcceptance whenStoredBy(LocalAppendWatch watch) {
        return whenStoredBy(watch, STORE_WAIT);
    }

    /** As above, failing a write its worker did not store within {@code storeWait}. */
    public static WriteAcceptance whenStoredBy(LocalAppendWatch watch, Duration storeWait) {
        return new WriteAcceptance(true, watch, storeWait);
    }

    public static WriteAcceptance never() {
        return new WriteAcceptance(false, null, null);
    }
}
