package dev.foldwork.starter.settings;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a deployment chooses, under {@code foldwork.*}; the defaults below are the starter's
 * (an application's application.yml may set others, as the service's does), the README explains each.
 *
 * @param role web (commands and queries, no worker), worker (runs projections, serves only health
 *             and metrics) or all (both, the embedded default)
 * @param dispatch temporal, redis or memory
 * @param store clickhouse or memory
 * @param apiKeys the tenants' API keys, each given as the SHA-256 hex of the key (never the key)
 * @param adminKeys the operators' keys, as SHA-256 hex: they open {@code /api/v1/admin/}, the
 *                  actuator beyond health, info and prometheus, and health details; no tenant's data
 * @param maxBodyBytes the largest command body accepted; larger ones get 413
 * @param bodyReadTimeout how long a request body may take to arrive; a slower one gets 408. Bodies
 *                        are read without holding a request thread, so stalled ones starve nobody
 * @param otlpMaxDecodedBytes the most a gzip-compressed OTLP body ({@code POST /v1/traces}) may
 *                            inflate to; more gets 413. The compressed body obeys maxBodyBytes
 * @param modelPricesFile a model price table (JSON, the shape of the bundled one) to price spans
 *                        whose SDK sent no cost; empty for the bundled table
 * @param evaluationQuietPeriod how long a trace must be quiet before the evaluation trigger fires
 * @param ops what the operators' console links to
 */
@ConfigurationProperties("foldwork")
public record FoldworkProperties(
        @DefaultValue("all") Role role,
        @DefaultValue("temporal") DispatchMode dispatch,
        @DefaultValue("memory") StoreMode store,
        @DefaultValue List<ApiKey> apiKeys,
        @DefaultValue List<AdminKey> adminKeys,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("5s") Duration bodyReadTimeout,
        @DefaultValue("16777216") int otlpMaxDecodedBytes,
        @DefaultValue("") String modelPricesFile,
        @DefaultValue("30s") Duration evaluationQuietPeriod,
        @DefaultValue Ops ops) {

    public enum Role {
        WEB, WORKER, ALL;

        public boolean servesCommands() {
            return this != WORKER;
        }

        public boolean runsWorker() {
            return this != WEB;
        }
    }

    public enum DispatchMode { TEMPORAL, REDIS, MEMORY }

    public enum StoreMode { CLICKHOUSE, MEMORY }

    /** One API key of one tenant, as the lowercase hex SHA-256 of the key. */
    public record ApiKey(String tenant, String sha256) {}

    /** One operator key, as the lowercase hex SHA-256 of the key. */
    public record AdminKey(String sha256) {}

    /** {@code foldwork.ops.*}: {@code temporalUiUrl} is the Temporal UI that aggregate pages link their fold workflow to. */
    public record Ops(@DefaultValue("http://localhost:8233") String temporalUiUrl) {}
}
