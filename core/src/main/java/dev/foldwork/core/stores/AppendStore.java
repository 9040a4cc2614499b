package dev.foldwork.core.stores;

import dev.foldwork.core.domain.TenantId;
import java.util.List;

/** Records of map projections; appending a record whose event id is already there changes nothing. */
public interface AppendStore {
    void append(TenantId tenantId, String projection, List<MapRecord> records);

    /** A projection's records of one aggregate, in the order of their timestamps then event ids. */
    List<MapRecord> read(TenantId tenantId, String projection, String aggregateId);
}
