package dev.foldwork.service;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, started from the test's class path, its output in a log file under
 * target/. {@link #awaitPort} waits until it listens; {@link #close} kills it.
 */
final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final File log;

    private JavaProcess(Process process, File log) {
        this.process = process;
        this.log = log;
    }

    static JavaProcess start(String name, String mainClass, String... args) throws IOException {
        return start(name, List.of(), mainClass, args);
    }

    /** With JVM options of its own, such as flags for a quicker start-up. */
    static JavaProcess start(String name, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        File log = new File("target/" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        return new JavaProcess(process, log);
    }

    /** Waits until something accepts connections on 127.0.0.1:port; fails naming the log (and kills the process) if none does. */
    JavaProcess awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + "; see " + log.getAbsolutePath());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly(); // the caller gets no handle to close
        throw new IllegalStateException("nothing listened on port " + port + " within " + timeout + "; see " + log.getAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
