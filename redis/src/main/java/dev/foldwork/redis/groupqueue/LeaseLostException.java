package dev.foldwork.redis.groupqueue;

/** A group's lease went to another claim while this process ran it; its run stopped. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String group) {
        super("the lease of group " + group + " was taken over by another claim; this run stopped");
    }
}
