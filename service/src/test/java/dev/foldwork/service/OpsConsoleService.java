package dev.foldwork.service;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service the console's browser tests drive: on a free port, with the test tenant's API key
 * and the admin key, in the mode their properties name.
 */
final class OpsConsoleService {
    private OpsConsoleService() {}

    /** The service on a free port; the properties go in as command-line arguments, ahead of application.yml. */
    static ConfigurableApplicationContext start(String... properties) {
        return start(List.of(), properties);
    }

    /** As {@link #start(String...)}, with more configuration classes (test beans) besides the application's. */
    static ConfigurableApplicationContext start(List<Class<?>> configurations, String... properties) {
        List<String> args = new ArrayList<>(List.of("server.port=0", "foldwork.store=memory",
                "foldwork.api-keys[0].tenant=tenant_a",
                "foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
                "foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256));
        args.addAll(List.of(properties));
        List<Class<?>> sources = new ArrayList<>(List.of(FoldworkApplication.class));
        sources.addAll(configurations);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.stream().map(a -> "--" + a).toArray(String[]::new));
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
