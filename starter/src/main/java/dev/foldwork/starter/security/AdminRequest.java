package dev.foldwork.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request made with an admin key, seen as a user in role {@value #ROLE}: Spring Boot's actuator
 * shows health details only to such a caller ({@code management.endpoint.health.roles}).
 */
final class AdminRequest extends HttpServletRequestWrapper {
    static final String ROLE = "FOLDWORK_ADMIN";
    private static final Principal ADMIN = () -> "foldwork-admin";

    AdminRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public Principal getUserPrincipal() {
        return ADMIN;
    }

    @Override
    public boolean isUserInRole(String role) {
        return ROLE.equals(role);
    }
}
