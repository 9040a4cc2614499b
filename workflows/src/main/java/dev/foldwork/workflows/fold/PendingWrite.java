package dev.foldwork.workflows.fold;

import dev.foldwork.workflows.StreamWrite;
import io.temporal.failure.ApplicationFailure;

/**
 * One write on its way through {@link StreamAppends}: waiting, being appended, or waiting to be
 * appended again, and its answer once done (the first seq it was given, or why it failed). An
 * accepted write (by signal) has no caller waiting for that answer.
 */
final class PendingWrite {
    final StreamWrite write;
    final boolean accepted;
    long firstSeq;
    ApplicationFailure failure;
    boolean done;

    PendingWrite(StreamWrite write, boolean accepted) {
        this.write = write;
        this.accepted = accepted;
    }

    String firstId() {
        return write.events().get(0).id();
    }
}
