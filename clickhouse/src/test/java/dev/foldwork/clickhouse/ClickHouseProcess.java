package dev.foldwork.clickhouse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ClickHouse server of a test's own, on free ports with its data in {@code dir}, driven by the
 * functions of scripts/services/clickhouse.sh, so it can be stopped and started again mid-test.
 */
final class ClickHouseProcess implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final int httpPort;

    private ClickHouseProcess(Path script, Path dir, int httpPort) {
        this.script = script;
        this.dir = dir;
        this.httpPort = httpPort;
    }

    static ClickHouseProcess start(Path dir) throws IOException, InterruptedException {
        ClickHouseProcess process = new ClickHouseProcess(findScript(), dir, freePort());
        process.run("clickhouse_configure \"$1\" " + process.httpPort + " " + freePort() + " && clickhouse_launch \"$1\"");
        return process;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Kills the server as a crash would (SIGKILL) and waits until its process has exited. */
    void kill() throws IOException, InterruptedException {
        run("clickhouse_kill \"$1\" KILL");
    }

    /** Starts the server again on the same ports and data; returns once it answers. */
    void startAgain() throws IOException, InterruptedException {
        run("clickhouse_launch \"$1\"");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("clickhouse_kill \"$1\"");
    }

    private void run(String commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && " + commands, script.toString(), dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("scripts/services/clickhouse.sh did not finish \"" + commands + "\" within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("scripts/services/clickhouse.sh failed to " + commands + " (is clickhouse-server"
                    + " installed? scripts/test installs it): " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path findScript() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path script = at.resolve("scripts/services/clickhouse.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/services/clickhouse.sh not found above " + Path.of("").toAbsolutePath());
    }
}
