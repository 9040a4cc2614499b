package dev.foldwork.redis.groupqueue;

import java.util.regex.Pattern;

/**
 * Groups an operator pauses together: those of one tenant (or of every tenant, {@code tenant}
 * null) whose name after the tenant starts with {@code prefix} (empty: all of that tenant's
 * groups). The Redis mode names its groups {@code <tenant>:fold:<pipeline>:...},
 * {@code <tenant>:map:<map>:...} and {@code <tenant>:reactor:...}, so a prefix picks a kind of work
 * or one pipeline's.
 */
public record PauseScope(String tenant, String prefix) {
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:@/-]{0,200}");

    public PauseScope {
        if (tenant != null && !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("a paused scope's tenant is 1 to 64 of letters, digits, _ and -, was \""
                    + tenant + "\"");
        }
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a paused scope's group prefix is up to 200 of letters, digits and . _ : @ / -,"
                    + " was \"" + prefix + "\"");
        }
        if (tenant == null && prefix.isEmpty()) {
            throw new IllegalArgumentException("a paused scope names a tenant, a group prefix or both; pausing every group"
                    + " of every tenant is stopping the workers");
        }
    }

    /** As the queue's scripts hold it: {@code <tenant or *>|<prefix>}. */
    String encoded() {
        return (tenant == null ? "*" : tenant) + "|" + prefix;
    }

    static PauseScope decode(String encoded) {
        int bar = encoded.indexOf('|');
        String tenant = encoded.substring(0, bar);
        return new PauseScope(tenant.equals("*") ? null : tenant, encoded.substring(bar + 1));
    }
}
