package dev.foldwork.starter.example;

import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.testing.LedgerPipeline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Another application on the starter: it brings its own pipeline as beans (no registry, nothing
 * of the product's) and gets the HTTP API, the stores and the dispatcher from the auto-configuration.
 */
@SpringBootApplication
public class LedgerApplication {
    /** Accounts whose balance the ledger's reactor saw, in order. */
    final List<String> watched = new CopyOnWriteArrayList<>();

    @Bean
    Pipeline ledger() {
        return LedgerPipeline.pipeline((context, event) -> watched.add(event.aggregateId()));
    }

    @Bean
    Pipeline ledgerGlobals() {
        return Pipeline.globalProjections().fold(LedgerPipeline.MONTHLY_VOLUME).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
