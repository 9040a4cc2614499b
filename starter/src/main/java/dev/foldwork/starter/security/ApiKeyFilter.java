package dev.foldwork.starter.security;

import dev.foldwork.starter.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Deny by default: every request except the public probes ({@link PathAccess}) needs a key, and
 * the tenant of a tenant request always comes from its key, never from the path or the body.
 * Operator paths need an admin key; a tenant key gets 403 there, and an admin key gets 403 on
 * tenant paths, since it belongs to no tenant. A missing or unknown key is 401 before any
 * handler runs; two credentials are 400.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    public static final String TENANT_ATTRIBUTE = "foldwork.tenant";

    private final ApiKeys keys;
    private final Problems problems;

    public ApiKeyFilter(ApiKeys keys, Problems problems) {
        this.keys = keys;
        this.problems = problems;
    }

    /** Requests with a body reach this filter on the async dispatch that follows {@code BodyReadFilter}. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented;
        try {
            presented = PresentedKey.of(request);
        } catch (PresentedKey.Ambiguous e) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "ambiguous credentials", e.getMessage());
            return;
        }
        Optional<Caller> caller = presented.flatMap(keys::callerOf);
        PathAccess access = PathAccess.of(request);
        if (access == PathAccess.PUBLIC) {
            chain.doFilter(caller.orElse(null) instanceof Caller.Admin ? new AdminRequest(request) : request, response);
            return;
        }
        if (presented.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "missing API key",
                    "send the API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
            return;
        }
        if (caller.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unknown API key", "the API key is not valid");
            return;
        }
        if (caller.get() instanceof Caller.Tenant tenant && access == PathAccess.TENANT) {
            request.setAttribute(TENANT_ATTRIBUTE, tenant.id());
            chain.doFilter(request, response);
        } else if (caller.get() instanceof Caller.Admin && access == PathAccess.ADMIN) {
            chain.doFilter(new AdminRequest(request), response);
        } else if (caller.get() instanceof Caller.Admin) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "an admin key belongs to no tenant; use the tenant's API key");
        } else {
            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "this path needs an admin key (foldwork.admin-keys)");
        }
    }
}
