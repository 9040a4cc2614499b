package dev.foldwork.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The one key a request carries, as {@code Authorization: Bearer <key>} or {@code X-Api-Key}.
 * Two credentials in one request (two headers, or both kinds) are ambiguous, so they are refused
 * rather than one of them winning silently.
 */
final class PresentedKey {
    static final class Ambiguous extends Exception {
        Ambiguous(String message) {
            super(message);
        }
    }

    private PresentedKey() {}

    static Optional<String> of(HttpServletRequest request) throws Ambiguous {
        List<String> authorization = Collections.list(request.getHeaders("Authorization"));
        List<String> apiKey = Collections.list(request.getHeaders("X-Api-Key"));
        if (authorization.size() + apiKey.size() > 1) {
            throw new Ambiguous("send one credential: the request has " + authorization.size()
                    + " Authorization and " + apiKey.size() + " X-Api-Key headers");
        }
        List<String> keys = new ArrayList<>();
        for (String header : authorization) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                keys.add(header.substring(7).trim());
            }
        }
        for (String header : apiKey) {
            keys.add(header.trim());
        }
        return keys.stream().filter(k -> !k.isEmpty()).findFirst();
    }
}
