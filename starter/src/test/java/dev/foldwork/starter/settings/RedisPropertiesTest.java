package dev.foldwork.starter.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code foldwork.redis.*} reaches the group queue's options as Spring binds it. */
class RedisPropertiesTest {
    private static RedisProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("foldwork.redis", RedisProperties.class);
    }

    @Test
    void theDebounceMaxWaitFactorIsTenByDefaultAndCanBeSet() {
        assertThat(bind(Map.of()).queueOptions().debounceMaxWaitFactor()).isEqualTo(10);
        assertThat(bind(Map.of("foldwork.redis.debounce-max-wait-factor", "3")).queueOptions().debounceMaxWaitFactor())
                .isEqualTo(3);
    }
}
