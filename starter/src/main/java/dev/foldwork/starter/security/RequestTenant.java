package dev.foldwork.starter.security;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.starter.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The tenant {@link ApiKeyFilter} resolved for a request. A controller that finds none refuses
 * with 401 instead of going on without a tenant, should a request ever reach it unfiltered.
 */
public final class RequestTenant {
    private RequestTenant() {}

    public static TenantId require(HttpServletRequest request) {
        if (request.getAttribute(ApiKeyFilter.TENANT_ATTRIBUTE) instanceof TenantId tenant) {
            return tenant;
        }
        throw new ApiException.Unauthorized("this request carries no tenant's API key");
    }
}
