package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.stores.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Deny by default, decided on the path routing sees: a path spelled with {@code ;params} or
 * percent-escapes still needs a key; only health, info and prometheus are open; operator paths
 * and health details need an admin key, and keys of one kind are refused where the other belongs.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=memory", "foldwork.store=memory",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
class AccessTest {
    private static final String EVENTS = "/api/v1/pipelines/trace/aggregates/t-1/events";

    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void pathsSpelledDifferentlyStillNeedAKey() {
        for (String path : new String[] {"/api;x=1/v1/pipelines/trace/aggregates/t-1/events", "/%61pi/v1/pipelines/trace/aggregates/t-1/events",
                "/api/v1;x/pipelines/trace/aggregates/t-1/events", "/actuator/health/../../api/v1/pipelines/trace/aggregates/t-1/events",
                "/error", "/", "/no-such-path"}) {
            assertUnauthorized(api.get(path, null), path);
        }
        ApiClient.Response post = api.post("/api;x=1/v1/pipelines/trace/commands/record_span", null, "application/json",
                Spans.span("t-1", "s-1", 1, 2));
        assertUnauthorized(post, "POST /api;x=1/...");
        assertThat(events.aggregateIds(TenantId.of("tenant_a"), AggregateType.of("trace"))).doesNotContain("t-1");
    }

    @Test
    void aTenantKeyOnAnOddlySpelledPathIsStillScopedToItsTenant() {
        assertThat(api.command(Spans.KEY_A, "trace", "record_span", Spans.span("t-odd", "s-1", 1, 2)).status()).isEqualTo(202);
        ApiClient.Response response = api.get("/%61pi;x=1/v1/pipelines/trace/aggregates/t-odd/events", Spans.KEY_A);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get(0).path("tenantId").asText()).isEqualTo("tenant_a");
    }

    @Test
    void probesAreOpenButHealthDetailsNeedAnAdminKey() {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/info", null).status()).isEqualTo(200);
        ApiClient.Response anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().has("components")).as(anonymous.body()).isFalse();
        assertThat(api.get("/actuator/health", Spans.KEY_A).json().has("components")).isFalse();
        ApiClient.Response admin = api.get("/actuator/health", Spans.ADMIN_KEY);
        assertThat(admin.json().path("components").has("diskSpace")).as(admin.body()).isTrue();
    }

    @Test
    void operatorPathsNeedAnAdminKeyAndTenantPathsATenantKey() {
        assertUnauthorized(api.get("/actuator/metrics", null), "/actuator/metrics");
        assertForbidden(api.get("/actuator/metrics", Spans.KEY_A));
        assertThat(api.get("/actuator/metrics", Spans.ADMIN_KEY).status()).isEqualTo(200);
        assertUnauthorized(api.get("/api/v1/admin/parked", null), "/api/v1/admin/parked");
        assertForbidden(api.get("/api/v1/admin/parked", Spans.KEY_A));
        assertForbidden(api.get("/api/v1/admin;x/parked", Spans.KEY_A));
        assertForbidden(api.get(EVENTS, Spans.ADMIN_KEY));
    }

    @Test
    void twoCredentialsAreRefused() {
        ApiClient.Response twoHeaders = api.request("GET", EVENTS, null,
                "Authorization", "Bearer " + Spans.KEY_A, "Authorization", "Bearer key-zzz");
        ApiClient.Response twoKinds = api.request("GET", EVENTS, null, "Authorization", "Bearer " + Spans.KEY_A, "X-Api-Key", Spans.KEY_A);
        for (ApiClient.Response response : new ApiClient.Response[] {twoHeaders, twoKinds}) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).contains("one credential");
        }
    }

    private static void assertUnauthorized(ApiClient.Response response, String what) {
        assertThat(response.status()).as("%s -> %s", what, response.body()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static void assertForbidden(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
