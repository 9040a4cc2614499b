package dev.foldwork.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.security.ApiKeyFilter;
import dev.foldwork.starter.security.RequestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A controller never goes on without a tenant: a request the key filter did not resolve is 401. */
class RequestTenantTest {
    @Test
    void aRequestWithoutATenantIsUnauthorized() {
        assertThatThrownBy(() -> RequestTenant.require(new MockHttpServletRequest()))
                .isInstanceOfSatisfying(ApiException.Unauthorized.class, e -> assertThat(e.status().value()).isEqualTo(401));
    }

    @Test
    void theResolvedTenantIsReturned() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(ApiKeyFilter.TENANT_ATTRIBUTE, TenantId.of("tenant_a"));
        assertThat(RequestTenant.require(request)).isEqualTo(TenantId.of("tenant_a"));
    }
}
