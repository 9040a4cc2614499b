package dev.foldwork.redis.groupqueue;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. */
public record QueuePage<T>(List<T> items, String nextCursor) {
    public QueuePage {
        items = List.copyOf(items);
    }
}
