package dev.foldwork.redis.groupqueue;

/** A group name that would break the key layout; refused before anything is staged. */
public class InvalidGroupException extends IllegalArgumentException {
    public InvalidGroupException(String group) {
        super("group name \"" + group + "\" is not allowed: it must be a tenant id (letters, digits, _ and -), a colon,"
                + " then at most " + QueueKeys.MAX_GROUP_LENGTH + " characters in all of letters, digits and . _ : @ / -");
    }
}
