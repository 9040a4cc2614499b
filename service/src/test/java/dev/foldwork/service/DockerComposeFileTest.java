package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.starter.settings.CatchUpProperties;
import dev.foldwork.starter.settings.ClickHouseProperties;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.RebuildProperties;
import dev.foldwork.starter.settings.RedisProperties;
import dev.foldwork.starter.settings.TemporalProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is for deployments and no engine runs it here, so it is checked by reading:
 * Temporal's current images (the server and admin-tools, no auto-setup, no tctl) in one version,
 * the start order and health checks, pinned tags, and that every FOLDWORK_ variable the web and
 * worker get is one the service reads (bound as Spring binds the environment, unknown names fail).
 */
class DockerComposeFileTest {
    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    /** The prefixes the service's properties are bound at, each with its class. */
    private static final Map<String, Class<?>> PROPERTIES = properties();

    @Test
    void runsEveryPartOnPinnedCurrentImages() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsOnlyKeys("postgresql", "temporal-schema", "temporal", "temporal-namespace",
                "temporal-ui", "clickhouse", "redis", "web", "worker");
        services.forEach((name, service) -> {
            if (service.containsKey("image")) {
                String image = (String) service.get("image");
                assertThat(image).as(name + " pins a tag").matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
            } else {
                assertThat(service).as(name + " is built from this repository").containsEntry("build", ".");
            }
        });
        services.forEach((name, service) -> {
            assertThat(String.valueOf(service.get("image"))).as(name).doesNotContain("auto-setup");
            assertThat(String.join(" ", healthCheck(services, name)) + " " + service.get("command"))
                    .as(name + " uses the temporal CLI, not the deprecated tctl").doesNotContain("tctl");
        });

        String server = (String) services.get("temporal").get("image");
        assertThat(server).startsWith("temporalio/server:");
        String serverVersion = server.substring(server.indexOf(':') + 1);
        for (String setup : List.of("temporal-schema", "temporal-namespace")) {
            assertThat((String) services.get(setup).get("image")).as(setup + " uses admin-tools of the server's version")
                    .startsWith("temporalio/admin-tools:" + serverVersion + "-");
        }
        assertThat((String) services.get("temporal-ui").get("image")).startsWith("temporalio/ui:");
    }

    @Test
    void startsInOrderBehindHealthChecks() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertThat(String.join(" ", healthCheck(services, "temporal")))
                .isEqualTo("CMD temporal operator cluster health --address temporal:7233");
        for (String name : List.of("postgresql", "clickhouse", "redis")) {
            assertThat(healthCheck(services, name)).as(name + " has a health check").isNotEmpty();
        }
        assertThat(dependsOn(services, "temporal-schema")).containsEntry("postgresql", "service_healthy");
        assertThat(dependsOn(services, "temporal")).containsEntry("temporal-schema", "service_completed_successfully");
        assertThat(dependsOn(services, "temporal-namespace")).containsEntry("temporal", "service_healthy");
        assertThat(dependsOn(services, "temporal-ui")).containsEntry("temporal", "service_healthy");
        assertThat(String.join(" ", commandOf(services, "temporal-schema")))
                .contains("--db temporal setup-schema", "--db temporal_visibility update-schema");
        assertThat(String.join(" ", commandOf(services, "temporal-namespace"))).contains("namespace create --namespace default");
        for (String role : List.of("web", "worker")) {
            assertThat(dependsOn(services, role)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "temporal-namespace", "service_completed_successfully",
                    "clickhouse", "service_healthy", "redis", "service_healthy"));
        }
        assertThat(String.join(" ", commandOf(services, "redis"))).contains("--appendfsync always");
    }

    @Test
    void theServiceReadsEveryVariableTheWebAndWorkersGet() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String role : List.of("web", "worker")) {
            Map<String, Object> environment = new LinkedHashMap<>(environmentOf(services, role));
            assertThat(environment).containsEntry("FOLDWORK_ROLE", role).containsEntry("FOLDWORK_DISPATCH", "temporal")
                    .containsEntry("FOLDWORK_TEMPORAL_TARGET", "temporal:7233")
                    .containsEntry("FOLDWORK_TEMPORAL_EMBEDDED", "false")
                    .containsEntry("FOLDWORK_CLICKHOUSE_URL", "http://clickhouse:8123");
            assertThat(environment.keySet()).allMatch(name -> name.startsWith("FOLDWORK_"));
            // each prefix bound over the variables that fall under it and not under a deeper one, so that
            // a name nothing takes fails the binding as the service's unknown-field check would
            Map<String, Map<String, Object>> byPrefix = new LinkedHashMap<>();
            environment.forEach((variable, value) -> byPrefix.computeIfAbsent(prefixOf(variable), p -> new LinkedHashMap<>())
                    .put(variable, value));
            byPrefix.forEach((prefix, variables) -> new Binder(ConfigurationPropertySources.from(
                    environment(variables)))
                    .bind(prefix, Bindable.of(PROPERTIES.get(prefix)), new NoUnboundElementsBindHandler(BindHandler.DEFAULT)));
            Binder binder = new Binder(ConfigurationPropertySources.from(environment(environment)));
            assertThat(binder.bind("foldwork", FoldworkProperties.class).get().role()).isEqualTo(
                    FoldworkProperties.Role.valueOf(role.toUpperCase()));
            assertThat(binder.bind("foldwork.temporal", TemporalProperties.class).get().embedded()).isFalse();
        }
    }

    /** The deepest prefix of the service's properties that the variable falls under, as Spring maps it. */
    private static String prefixOf(String variable) {
        IterableConfigurationPropertySource source = (IterableConfigurationPropertySource) ConfigurationPropertySources
                .from(environment(Map.of(variable, "x"))).iterator().next();
        String deepest = null;
        for (ConfigurationPropertyName name : source.stream().toList()) { // one name per way Spring maps it
            for (String prefix : PROPERTIES.keySet()) {
                if (ConfigurationPropertyName.of(prefix).isAncestorOf(name) && (deepest == null || prefix.length() > deepest.length())) {
                    deepest = prefix;
                }
            }
        }
        assertThat(deepest).as(variable + " falls under foldwork.*").isNotNull();
        return deepest;
    }

    /** Variables as the process environment: Spring maps names by the source's name. */
    private static SystemEnvironmentPropertySource environment(Map<String, Object> variables) {
        return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
    }

    private static Map<String, Class<?>> properties() {
        Map<String, Class<?>> properties = new LinkedHashMap<>();
        properties.put("foldwork", FoldworkProperties.class);
        properties.put("foldwork.temporal", TemporalProperties.class);
        properties.put("foldwork.clickhouse", ClickHouseProperties.class);
        properties.put("foldwork.redis", RedisProperties.class);
        properties.put("foldwork.catch-up", CatchUpProperties.class);
        properties.put("foldwork.rebuild", RebuildProperties.class);
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthCheck(Map<String, Map<String, Object>> services, String name) {
        Map<String, Object> check = (Map<String, Object>) services.get(name).get("healthcheck");
        return check == null ? List.of() : (List<String>) check.get("test");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(Map<String, Map<String, Object>> services, String name) {
        Map<String, String> conditions = new LinkedHashMap<>();
        ((Map<String, Map<String, String>>) services.get(name).get("depends_on"))
                .forEach((service, condition) -> conditions.put(service, condition.get("condition")));
        return conditions;
    }

    @SuppressWarnings("unchecked")
    private static List<String> commandOf(Map<String, Map<String, Object>> services, String name) {
        return (List<String>) services.get(name).get("command");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(Map<String, Map<String, Object>> services, String name) {
        Map<String, Object> environment = new LinkedHashMap<>();
        ((Map<String, Object>) services.get(name).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }
}
