package dev.foldwork.workflows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** The last {@code capacity} consumed event ids, oldest dropped first: bounded memory for dedup. */
final class RecentIds {
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    void add(String id) {
        ids.remove(id);
        ids.add(id);
        if (ids.size() > capacity) {
            ids.remove(ids.iterator().next());
        }
    }

    void addAll(Collection<String> more) {
        more.forEach(this::add);
    }

    List<String> toList() {
        return new ArrayList<>(ids);
    }
}
