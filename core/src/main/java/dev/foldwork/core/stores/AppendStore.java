package dev.foldwork.core.stores;

import dev.foldwork.core.domain.TenantId;
import java.util.List;

/**
 * Records of map projections; appending a record whose event id is already there changes nothing.
 * Appends are generation 0; a rebuild writes a higher generation, which replaces them.
 */
public interface AppendStore {
    void append(TenantId tenantId, String projection, List<MapRecord> records);

    /**
     * A map rebuild's outcome per event, in {@code generation} (1 or more): it replaces whatever an
     * older generation holds for the same event (appends included), and an outcome without data
     * removes the event's record. Repeating it changes nothing; so does a later append of the event.
     */
    void replace(TenantId tenantId, String projection, int generation, List<RebuiltRecord> outcomes);

    /** A projection's records of one aggregate, in the order of their timestamps then event ids. */
    List<MapRecord> read(TenantId tenantId, String projection, String aggregateId);
}
