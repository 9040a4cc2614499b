package dev.foldwork.redis.groupqueue;

import dev.foldwork.core.domain.TenantId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The key layout of one queue. Every key starts with {@code fw:{<queue>}:}, so all of a queue's
 * keys share one hash tag (one Redis Cluster slot). Group names end up inside keys; they are
 * checked here before anything is staged. The scripts receive {@link #fixedKeys()} as KEYS in
 * this order and build per-group keys as {@code prefix + "g:" + group}.
 */
public final class QueueKeys {
    public static final int MAX_GROUP_LENGTH = 400;
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // No braces (hash tags), no whitespace or glob characters; ':' and '/' separate name parts.
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}:[A-Za-z0-9._:@/-]*");

    private final String queue;
    private final String prefix;
    private final List<String> fixedKeys;

    public QueueKeys(String queue) {
        if (queue == null || !QUEUE_NAME.matcher(queue).matches()) {
            throw new IllegalArgumentException("queue name must be 1 to 64 of letters, digits, _ and -, was \"" + queue + "\"");
        }
        this.queue = queue;
        this.prefix = "fw:{" + queue + "}:";
        this.fixedKeys = List.of("jobs", "ready", "active", "lease", "seq", "paused", "parked",
                "dead", "deadidx", "attempts", "due", "tenants", "wake", "throttled", "debounce", "scopes", "held", "clock").stream().map(k -> prefix + k).toList();
    }

    public String queue() {
        return queue;
    }

    /** Every key of this queue starts with this; it ends with the hash tag and a colon. */
    public String prefix() {
        return prefix;
    }

    String[] fixedKeys() {
        return fixedKeys.toArray(String[]::new);
    }

    String key(String name) {
        return prefix + name;
    }

    String wakeKey() {
        return key("wake");
    }

    /** A group name: the tenant, a colon, then letters, digits and {@code . _ : @ / -}. */
    public static String group(TenantId tenant, String rest) {
        return checkGroup(tenant.value() + ":" + rest);
    }

    public static String checkGroup(String group) {
        if (group == null || group.length() > MAX_GROUP_LENGTH || !GROUP.matcher(group).matches()) {
            throw new InvalidGroupException(group);
        }
        return group;
    }
}
