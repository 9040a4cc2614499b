package dev.foldwork.starter.security;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.starter.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the tenant of every {@code /api/} request from its API key ({@code Authorization:
 * Bearer <key>} or {@code X-Api-Key}). The tenant always comes from the key, never from the path
 * or the body. A missing or unknown key gets 401 before any handler runs.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    public static final String TENANT_ATTRIBUTE = "foldwork.tenant";

    private final ApiKeys keys;
    private final Problems problems;

    public ApiKeyFilter(ApiKeys keys, Problems problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "missing API key",
                    "send the tenant's API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
            return;
        }
        Optional<TenantId> tenant = keys.tenantOf(presented.get());
        if (tenant.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "unknown API key", "the API key is not valid");
            return;
        }
        request.setAttribute(TENANT_ATTRIBUTE, tenant.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        }
        String header = request.getHeader("X-Api-Key");
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
    }
}
