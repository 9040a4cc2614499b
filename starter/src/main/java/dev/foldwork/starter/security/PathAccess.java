package dev.foldwork.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Who may open a path, decided on the path the servlet container normalised (decoded, without
 * {@code ;parameters}, dot segments resolved), the path routing sees, never on the raw URI: a
 * few probes and the operations console's static files ({@code /ops}) are open, the operator's
 * paths need an admin key, and everything else, whatever it is, a tenant key.
 */
public enum PathAccess {
    PUBLIC, ADMIN, TENANT;

    private static final Set<String> PUBLIC_PATHS = Set.of("/actuator/health", "/actuator/info", "/actuator/prometheus");

    public static PathAccess of(HttpServletRequest request) {
        return of(normalisedPath(request));
    }

    static PathAccess of(String path) {
        if (PUBLIC_PATHS.contains(path) || path.startsWith("/actuator/health/") || isOpsConsole(path)) {
            return PUBLIC;
        }
        if (path.equals("/actuator") || path.startsWith("/actuator/") || path.equals("/api/v1/admin") || path.startsWith("/api/v1/admin/")) {
            return ADMIN;
        }
        return TENANT;
    }

    /** The operations console's static page and files ({@code /ops}): it holds no data and asks for an admin key itself. */
    private static boolean isOpsConsole(String path) {
        return path.equals("/ops") || path.startsWith("/ops/");
    }

    private static String normalisedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
