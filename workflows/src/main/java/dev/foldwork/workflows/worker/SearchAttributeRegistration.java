package dev.foldwork.workflows.worker;

import dev.foldwork.workflows.FoldSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes sure a Temporal server knows the fold workflows' search attributes (TenantId, Pipeline,
 * AggregateType, AggregateId, FoldParked, FoldParkedReason) before any workflow sets them: a worker calls this at start-up,
 * against a real cluster or the test server alike. Each is added on its own, and one that is
 * already there is left alone (the test server cannot list them, so none is listed first).
 */
public final class SearchAttributeRegistration {
    private SearchAttributeRegistration() {}

    /** Returns the names it added (empty when all were there). */
    public static List<String> ensure(OperatorServiceStubs operator, String namespace) {
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, IndexedValueType> key : FoldSearchAttributes.TYPES.entrySet()) {
            try {
                operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                        .setNamespace(namespace).putSearchAttributes(key.getKey(), key.getValue()).build());
                added.add(key.getKey());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        return added;
    }
}
