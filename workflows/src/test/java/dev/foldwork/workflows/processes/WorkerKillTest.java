package dev.foldwork.workflows.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.testing.LedgerPipeline;
import dev.foldwork.core.testing.LedgerPipeline.Balance;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three processes over gRPC on 127.0.0.1: a standalone Temporal test server, a worker, and a web
 * client streaming events. The worker is killed with SIGKILL mid-stream and a new one started;
 * afterwards every fold state equals a sequential fold of the event store, so no event was lost
 * or applied twice (the fold's checksum is sensitive to order and repetition).
 *
 * <p>The workers run without sticky execution ({@link WorkerProcess}). The standalone test server
 * (temporal-test-server 1.38.0) puts a workflow's next task on the sticky queue of the worker that
 * completed the previous one and never applies the sticky schedule-to-start timeout, so with sticky
 * execution on, the workflows whose next task went to the killed worker's sticky queue never move
 * again. A real server moves such a task to the normal task queue after that timeout (5 s by default).
 */
class WorkerKillTest {
    private static final int ACCOUNTS = 20;
    private static final int ROUNDS = 60;

    private final List<Process> processes = new ArrayList<>();

    /** Kept after the run (under target/) so the processes' logs can be read when it fails. */
    private Path work;

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledWorkerLosesNothingAndAppliesNothingTwice() throws Exception {
        work = Path.of("target", "worker-kill-test", String.valueOf(System.currentTimeMillis()));
        Files.createDirectories(work);
        int port = freePort();
        String target = "127.0.0.1:" + port;
        Path folds = Files.createDirectories(work.resolve("folds"));
        Path eventStore = work.resolve("events.jsonl");
        FileFoldStore foldStore = new FileFoldStore(folds);

        start("server", "io.temporal.testserver.TestServer", String.valueOf(port));
        await().atMost(Duration.ofSeconds(60)).until(() -> accepts(port));
        Process firstWorker = start("worker-1", WorkerProcess.class.getName(), target, folds.toString(), eventStore.toString());
        awaitOutput("worker-1", WorkerProcess.READY);

        Process web = start("web", WebProcess.class.getName(), target, eventStore.toString(),
                String.valueOf(ACCOUNTS), String.valueOf(ROUNDS));
        await().atMost(Duration.ofSeconds(120)).until(() -> storedEntries(foldStore) >= ACCOUNTS * ROUNDS / 4);
        firstWorker.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, activities cut off mid-flight
        assertThat(firstWorker.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(storedEntries(foldStore)).isLessThan(ACCOUNTS * ROUNDS);

        start("worker-2", WorkerProcess.class.getName(), target, folds.toString(), eventStore.toString());
        assertThat(web.waitFor(180, TimeUnit.SECONDS)).as("the web process finished sending").isTrue();
        assertThat(web.exitValue()).as("web exit code; output:%n%s", output("web")).isZero();

        Map<String, List<Event>> stored = eventsByAccount(eventStore);
        assertThat(stored).hasSize(ACCOUNTS);
        long total = stored.values().stream().mapToLong(List::size).sum();
        assertThat(total).isEqualTo((long) ACCOUNTS * ROUNDS);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (Map.Entry<String, List<Event>> account : stored.entrySet()) {
                assertThat(balance(foldStore, account.getKey())).as(account.getKey()).contains(sequential(account.getValue()));
            }
        });
        String month = java.time.Instant.ofEpochMilli(stored.get("acct-0").get(0).timestamp())
                .atZone(java.time.ZoneOffset.UTC).toString().substring(0, 7);
        await().atMost(Duration.ofSeconds(60)).until(() -> foldStore
                .get(TenantId.of("acme"), LedgerPipeline.MONTHLY_VOLUME.name(), month)
                .map(s -> s.state().path("entries").asLong() == total).orElse(false));
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private void awaitOutput(String name, String line) {
        await().atMost(Duration.ofSeconds(60)).until(() -> output(name).contains(line));
    }

    private String output(String name) throws IOException {
        File log = work.resolve(name + ".log").toFile();
        return log.exists() ? Files.readString(log.toPath()) : "";
    }

    private static long storedEntries(FileFoldStore store) {
        long entries = 0;
        for (int a = 0; a < ACCOUNTS; a++) {
            entries += balance(store, "acct-" + a).map(Balance::entries).orElse(0L);
        }
        return entries;
    }

    private static java.util.Optional<Balance> balance(FileFoldStore store, String account) {
        return store.get(TenantId.of("acme"), LedgerPipeline.BALANCE.name(), account)
                .map(StoredFold::state).map(state -> Json.fromNode(state, Balance.class));
    }

    private static Map<String, List<Event>> eventsByAccount(Path eventStore) throws IOException {
        Map<String, List<Event>> byAccount = new LinkedHashMap<>();
        for (String line : Files.readAllLines(eventStore)) {
            Event event = Json.mapper().readValue(line, Event.class);
            byAccount.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event);
        }
        return byAccount;
    }

    private static Balance sequential(List<Event> events) {
        Balance state = LedgerPipeline.BALANCE.init();
        for (Event event : events) {
            state = LedgerPipeline.BALANCE.apply(state, event);
        }
        return state;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
