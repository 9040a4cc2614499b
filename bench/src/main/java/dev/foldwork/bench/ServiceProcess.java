package dev.foldwork.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A process of the built service jar, listening on a port, its output in a temporary file; stopped on
 * close. The service benches start the service, or the jar's Temporal test server, through it.
 */
record ServiceProcess(String name, Process process, int port, File log) implements AutoCloseable {
    /** The tenant API key every bench service accepts. */
    static final String API_KEY = "bench-key";
    /** A process's heap unless its bench says otherwise. */
    static final String HEAP = "1g";

    /** The service on a free port with one tenant key and the settings, once healthy; a heap of {@value #HEAP}. */
    static ServiceProcess start(String name, List<String> settings) throws Exception {
        return start(name, HEAP, settings);
    }

    /** As {@link #start(String, List)}, with a heap of {@code heap} (such as {@code 3g}). */
    static ServiceProcess start(String name, String heap, List<String> settings) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-jar", jar().toString(), "--server.port=" + port,
                "--foldwork.api-keys[0].tenant=bench", "--foldwork.api-keys[0].sha256=" + sha256(API_KEY),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        args.addAll(settings);
        ServiceProcess service = launch(name, port, heap, args);
        HttpClient probe = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health")).build();
        service.await("healthy", () -> probe.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        System.out.printf("service %s: started (%s), log %s%n", name, String.join(" ", settings), service.log());
        return service;
    }

    /**
     * The jar's StandaloneTemporal (Temporal's test server) on the port, once it accepts
     * connections. The jar's PropertiesLauncher runs a main class other than the service's.
     */
    static ServiceProcess temporal(String name, int port) throws Exception {
        ServiceProcess service = launch(name, port, HEAP, List.of("-cp", jar().toString(),
                "-Dloader.main=dev.foldwork.starter.embedded.StandaloneTemporal",
                "org.springframework.boot.loader.launch.PropertiesLauncher", String.valueOf(port)));
        service.await("listening", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            }
        });
        System.out.printf("service %s: Temporal test server started on port %d, log %s%n", name, port, service.log());
        return service;
    }

    private static ServiceProcess launch(String name, int port, String heap, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap));
        // e.g. a profiler's; {name} becomes the process's name, so each process records to a file of its own
        String jvmArgs = System.getProperty("foldwork.bench.jvm-args", "").trim().replace("{name}", name);
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(args);
        File log = Files.createTempFile("foldwork-bench-service-" + name + "-", ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        return new ServiceProcess(name, process, port, log);
    }

    private static Path jar() throws IOException {
        try (Stream<Path> built = Files.list(Path.of("service", "target"))) {
            return built.filter(p -> p.getFileName().toString().matches("foldwork-service-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no service jar in service/target: build it first"
                            + " (scripts/bench service does)"));
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The CPU time the process used so far, all its threads (the operating system's accounting). */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the operating system does not tell " + name + "'s CPU time"));
    }

    /** Whether the process is ready yet; an IOException means not yet. */
    private interface Ready {
        boolean now() throws IOException, InterruptedException;
    }

    /** Polls {@code ready} for up to two minutes; fails naming the log (and stops the process) if it never is. */
    private void await(String what, Ready ready) throws Exception {
        Duration timeout = Duration.ofSeconds(120);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (ready.now()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(200_000_000);
        }
        close();
        throw new IllegalStateException(name + " was not " + what + " within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
