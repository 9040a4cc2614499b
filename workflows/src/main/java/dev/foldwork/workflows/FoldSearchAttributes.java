package dev.foldwork.workflows;

import dev.foldwork.core.runtime.FoldGroupId;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search attributes that make a fold workflow findable in the Temporal UI, for example
 * {@code TenantId = "acme" AND AggregateType = "trace"}, or every parked group with
 * {@code FoldParked = true}. A server must have them registered
 * ({@code temporal operator search-attribute create --name TenantId --type Keyword}, and so on).
 */
public final class FoldSearchAttributes {
    public static final SearchAttributeKey<String> TENANT_ID = SearchAttributeKey.forKeyword("TenantId");
    public static final SearchAttributeKey<String> PIPELINE = SearchAttributeKey.forKeyword("Pipeline");
    public static final SearchAttributeKey<String> AGGREGATE_TYPE = SearchAttributeKey.forKeyword("AggregateType");
    public static final SearchAttributeKey<String> AGGREGATE_ID = SearchAttributeKey.forKeyword("AggregateId");

    /** Set while a run is parked, with the fold, event and error in {@code FoldParkedReason}. */
    public static final SearchAttributeKey<Boolean> PARKED = SearchAttributeKey.forBoolean("FoldParked");
    public static final SearchAttributeKey<String> PARKED_REASON = SearchAttributeKey.forText("FoldParkedReason");
    /** A reason is cut to this many characters. */
    static final int MAX_REASON = 1_000;

    /** Every key by name with its type, in a fixed order: what a server has to register. */
    public static final Map<String, IndexedValueType> TYPES = types();

    private static Map<String, IndexedValueType> types() {
        Map<String, IndexedValueType> types = new LinkedHashMap<>();
        for (SearchAttributeKey<String> key : List.of(TENANT_ID, PIPELINE, AGGREGATE_TYPE, AGGREGATE_ID)) {
            types.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
        types.put(PARKED.getName(), IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
        types.put(PARKED_REASON.getName(), IndexedValueType.INDEXED_VALUE_TYPE_TEXT);
        return Collections.unmodifiableMap(types);
    }

    private FoldSearchAttributes() {}

    /** What a run shows about its park: parked with the reason, or not parked. */
    public static List<SearchAttributeUpdate<?>> parked(Parked parked) {
        if (parked == null) {
            return List.of(PARKED.valueSet(false), PARKED_REASON.valueUnset());
        }
        String reason = parked.fold() + " at " + parked.eventId() + ": " + parked.reason();
        return List.of(PARKED.valueSet(true),
                PARKED_REASON.valueSet(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason));
    }

    public static SearchAttributes of(FoldGroupId group) {
        return SearchAttributes.newBuilder()
                .set(TENANT_ID, group.tenantId().value())
                .set(PIPELINE, group.pipeline())
                .set(AGGREGATE_TYPE, group.aggregateType().value())
                .set(AGGREGATE_ID, group.aggregateKey())
                .build();
    }
}
