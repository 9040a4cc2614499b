package dev.foldwork.redis.writer;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.redis.writer.WriterScripts.Script;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of every write, the same for its writer and for recovery: store the sequenced
 * events (a repeat is a no-op: same ids, same seqs), dispatch them, then forget the record. If
 * storing fails the record stays, and recovery stores it later; a failed dispatch is left to
 * catch-up, since the events are in the store.
 */
final class PendingWrites {
    private static final Logger log = LoggerFactory.getLogger(PendingWrites.class);

    private final WriterScripts scripts;
    private final WriterKeys keys;
    private final EventStore store;
    private final EventDispatcher dispatcher;

    PendingWrites(WriterScripts scripts, WriterKeys keys, EventStore store, EventDispatcher dispatcher) {
        this.scripts = scripts;
        this.keys = keys;
        this.store = store;
        this.dispatcher = dispatcher;
    }

    void complete(PendingWrite write) {
        Map<TenantId, List<Event>> byTenant = write.events().stream()
                .collect(Collectors.groupingBy(Event::tenantId, LinkedHashMap::new, Collectors.toList()));
        byTenant.forEach(store::append);
        try {
            dispatcher.dispatch(write.events()).join();
        } catch (RuntimeException e) { // the dispatcher's failure, thrown or as a failed future
            log.warn(write.events().size() + " stored events were not dispatched (" + (e.getCause() == null ? e : e.getCause())
                    + "); catch-up will project them from the store");
        }
        // Not awaited: if this is lost, recovery stores the write again later, which is a no-op.
        scripts.run(Script.DONE, fixedKeys(), List.of(write.id()));
    }

    /** Claims up to {@code max} writes that are due for recovery, each for {@code leaseMillis}. */
    List<PendingWrite> claimDue(long leaseMillis, int max) {
        List<Object> reply = scripts.run(Script.CLAIM, fixedKeys(), List.of(Long.toString(leaseMillis), Integer.toString(max))).join();
        List<PendingWrite> writes = new ArrayList<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            writes.add(PendingWrite.decode((String) reply.get(i), (String) reply.get(i + 1)));
        }
        return writes;
    }

    List<String> fixedKeys() {
        return List.of(keys.pending(), keys.created(), keys.due(), keys.boot());
    }
}
