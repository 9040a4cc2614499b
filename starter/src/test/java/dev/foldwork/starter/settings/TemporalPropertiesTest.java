package dev.foldwork.starter.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code foldwork.temporal.*} as Spring binds it: the worker's sizing defaults, and a bad poller count refused by name. */
class TemporalPropertiesTest {
    private static TemporalProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("foldwork.temporal", TemporalProperties.class);
    }

    @Test
    void theWorkerCachesTwoThousandWorkflowsAndPollsWithSixteenThreadsByDefault() {
        assertThat(bind(Map.of()).workflowCacheSize()).isEqualTo(2_000);
        assertThat(bind(Map.of()).workflowTaskPollers()).isEqualTo(16);
        assertThat(bind(Map.of("foldwork.temporal.workflow-task-pollers", "4")).workflowTaskPollers()).isEqualTo(4);
    }

    @Test
    void onePollerIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("foldwork.temporal.workflow-task-pollers", "1")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("foldwork.temporal.workflow-task-pollers must be at least 2");
    }
}
