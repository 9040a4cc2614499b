package dev.foldwork.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Foldwork service: the starter's auto-configuration with the product's pipelines
 * ({@link PipelinesConfiguration}), OTLP ingestion, the trace list and the demo. With no
 * configuration it runs everything in one process (role {@code all}, Temporal dispatch on the
 * embedded test server, memory stores; see application.yml); {@code foldwork.role},
 * {@code foldwork.dispatch} and {@code foldwork.store} choose what a process does and what it talks to.
 */
@SpringBootApplication
public class FoldworkApplication {
    public static void main(String[] args) {
        SpringApplication.run(FoldworkApplication.class, args);
    }
}
