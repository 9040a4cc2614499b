package dev.foldwork.workflows;

import dev.foldwork.core.runtime.FoldGroupId;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;

/**
 * The search attributes that make a fold workflow findable in the Temporal UI, for example
 * {@code TenantId = "acme" AND AggregateType = "trace"}. A server must have them registered
 * ({@code temporal operator search-attribute create --name TenantId --type Keyword}, and so on).
 */
public final class FoldSearchAttributes {
    public static final SearchAttributeKey<String> TENANT_ID = SearchAttributeKey.forKeyword("TenantId");
    public static final SearchAttributeKey<String> PIPELINE = SearchAttributeKey.forKeyword("Pipeline");
    public static final SearchAttributeKey<String> AGGREGATE_TYPE = SearchAttributeKey.forKeyword("AggregateType");
    public static final SearchAttributeKey<String> AGGREGATE_ID = SearchAttributeKey.forKeyword("AggregateId");

    /** Every key, each of type Keyword: what a server has to register. */
    public static final List<SearchAttributeKey<String>> KEYS = List.of(TENANT_ID, PIPELINE, AGGREGATE_TYPE, AGGREGATE_ID);
    public static final IndexedValueType TYPE = IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

    private FoldSearchAttributes() {}

    public static SearchAttributes of(FoldGroupId group) {
        return SearchAttributes.newBuilder()
                .set(TENANT_ID, group.tenantId().value())
                .set(PIPELINE, group.pipeline())
                .set(AGGREGATE_TYPE, group.aggregateType().value())
                .set(AGGREGATE_ID, group.aggregateKey())
                .build();
    }
}
