package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.pipelines.global.SdkUsageFold;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Sends the table of {@link BadRequests} to a service over one store: each request gets its 4xx
 * as problem+json with a message naming the problem, none gets a 5xx, and afterwards nothing of
 * them is stored. Each store's test class extends this with its {@code foldwork.store}.
 */
@TestPropertySource(properties = {
    "foldwork.max-body-bytes=65536",
    "foldwork.api-keys[0].tenant=tenant_a",
    "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
    "foldwork.api-keys[1].tenant=tenant_b",
    "foldwork.api-keys[1].sha256=a30534a53b23547377ddccbd1ac85a8a84c13db43493c16e55a6abc7b0eba634",
    "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256,
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BadRequestContract {
    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    @Autowired
    FoldStore folds;

    @Autowired
    PipelineRegistry registry;

    private ApiClient api;

    @BeforeAll
    void tenantBOwnsOneTrace() {
        api = new ApiClient("http://127.0.0.1:" + port);
        ApiClient.Response stored = api.command(Spans.KEY_B, "trace", "record_span", Spans.span(BadRequests.B_TRACE, "s1", 1, 2));
        assertThat(stored.status()).as(stored.body()).isEqualTo(202);
    }

    static Stream<Arguments> cases() {
        return BadRequests.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void eachBadRequestGetsItsStatusAndAMessageNamingTheProblem(BadRequests.Case bad) {
        ApiClient.Response response = bad.request().apply(api);
        assertThat(response.status()).as("%s -> %s", bad.name(), response.body()).isEqualTo(bad.status());
        assertThat(response.contentType()).as(bad.name()).startsWith("application/problem+json");
        assertThat(response.body()).as(bad.name()).contains(bad.mentions());
    }

    @Test
    @Order(2)
    void noneOfThemStoredAnything() {
        TenantId tenantA = TenantId.of("tenant_a");
        for (Pipeline pipeline : registry.pipelines()) {
            assertThat(events.aggregateIds(tenantA, pipeline.aggregateType())).as(pipeline.name()).isEmpty();
        }
        assertThat(folds.get(tenantA, SdkUsageFold.NAME, "python-sdk@1.4.0")).isEmpty();
        assertThat(events.aggregateIds(TenantId.of("tenant_b"), AggregateType.of("trace"))).containsExactly(BadRequests.B_TRACE);
    }

    @Test
    @Order(3)
    void theTableHasAtLeast80Rows() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(80);
    }
}
