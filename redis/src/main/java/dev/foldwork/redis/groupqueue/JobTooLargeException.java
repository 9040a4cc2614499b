package dev.foldwork.redis.groupqueue;

/** A job body over the configured limit; refused before anything is staged. */
public class JobTooLargeException extends IllegalArgumentException {
    public JobTooLargeException(String group, int bytes, int limit) {
        super("job for group " + group + " is " + bytes + " bytes, over the limit of " + limit
                + " bytes (GroupQueueOptions.maxBodyBytes)");
    }
}
