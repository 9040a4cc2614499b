package dev.foldwork.starter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Foldwork service. With no configuration it runs everything in one process (role
 * {@code all}); {@code foldwork.role}, {@code foldwork.dispatch} and {@code foldwork.store}
 * choose what a process does and what it talks to.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FoldworkApplication {
    public static void main(String[] args) {
        SpringApplication.run(FoldworkApplication.class, args);
    }
}
