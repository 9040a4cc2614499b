package dev.foldwork.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
    @Test
    void acceptsPlainIds() {
        assertThat(Ids.aggregateId("traceId", "trace-1.a_b:c@d")).isEqualTo("trace-1.a_b:c@d");
        assertThat(TenantId.of("tenant_A-1").value()).isEqualTo("tenant_A-1");
        assertThat(AggregateType.of("experiment_run").value()).isEqualTo("experiment_run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x'y", "x\"y", "a;b", "a{b}", "a/b", "a\\b", "a\nb", "ü"})
    void refusesAggregateIdsWithCharactersThatBreakKeysOrSql(String bad) {
        assertThatThrownBy(() -> Ids.aggregateId("traceId", bad))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageStartingWith("traceId ");
    }

    @Test
    void refusesOverlongIdsNamingTheLength() {
        assertThatThrownBy(() -> Ids.aggregateId("traceId", "a".repeat(129)))
                .hasMessage("traceId must be at most 128 characters, was 129");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b", "a b", "a.b", "x'--"})
    void refusesBadTenantIds(String bad) {
        assertThatThrownBy(() -> TenantId.of(bad))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageStartingWith("tenantId ");
    }

    @Test
    void refusesAggregateTypesThatAreNotSnakeCase() {
        assertThatThrownBy(() -> AggregateType.of("Trace")).hasMessageContaining("aggregateType");
        assertThatThrownBy(() -> AggregateType.of("1trace")).hasMessageContaining("aggregateType");
    }
}
