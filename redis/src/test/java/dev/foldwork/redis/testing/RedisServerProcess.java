package dev.foldwork.redis.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free port, with an append-only file: by default fsynced
 * before every answer (appendfsync always), so a SIGKILL loses nothing that was acknowledged; or
 * {@link #everysec} as Redis ships it. {@link #restart} kills it and starts it again on the same
 * port and directory; {@link #restartLosingTheAppendOnlyTail} also cuts the file's end off first,
 * as a machine crash does to what everysec had not synced. {@link #pause} and {@link #resume}
 * stop and continue it (SIGSTOP/SIGCONT): an outage in which Redis answers nobody yet keeps its
 * data, while its clock runs on.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String appendFsync;
    private Process process;

    public RedisServerProcess() throws IOException {
        this("always");
    }

    public static RedisServerProcess everysec() throws IOException {
        return new RedisServerProcess("everysec");
    }

    private RedisServerProcess(String appendFsync) throws IOException {
        this.appendFsync = appendFsync;
        this.dir = Files.createTempDirectory("foldwork-redis-aof");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    public int port() {
        return port;
    }

    public void restart() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        start();
    }

    /** Kills it, cuts {@code fraction} of the newest append-only file off its end, and starts it again. */
    public void restartLosingTheAppendOnlyTail(double fraction) throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        Path newest;
        try (var files = Files.list(dir.resolve("appendonlydir"))) {
            newest = files.filter(f -> f.getFileName().toString().endsWith(".incr.aof"))
                    .max(java.util.Comparator.comparingLong(RedisServerProcess::incrementNumber))
                    .orElseThrow(() -> new IllegalStateException("no incremental append-only file in " + dir));
        }
        long size = Files.size(newest);
        try (var channel = java.nio.channels.FileChannel.open(newest, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size - Math.round(size * fraction));
        }
        start();
    }

    private static long incrementNumber(Path file) {
        String[] parts = file.getFileName().toString().split("\\.");
        return Long.parseLong(parts[parts.length - 3]); // appendonly.aof.<n>.incr.aof
    }

    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + kill.exitValue());
        }
    }

    private void start() throws IOException {
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--appendonly", "yes", "--appendfsync", appendFsync, "--aof-load-truncated", "yes", "--save", "", "--dir", dir.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start redis-server (install Debian's redis-server package): " + e.getMessage(), e);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(this::answers);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir.resolve("redis.log"));
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = socket.getInputStream().readNBytes(5);
            return new String(reply).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
