package dev.foldwork.service;

import dev.foldwork.starter.embedded.StandaloneTemporal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Several web and worker processes of the service over one ClickHouse database, in one dispatch
 * mode: each a JVM of its own that the test can SIGKILL and start again with the same settings.
 * The mode is a parameter; each mode names the settings (and any server of its own) it needs.
 */
final class Fleet implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(120);
    /** Five JVMs start at once on two cores: the quick (C1) compiler only and the serial GC shorten their start-up. */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String mode;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> shared = new ArrayList<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private JavaProcess modeServer;

    private record Member(String role, int port, JavaProcess process) {}

    Fleet(String mode) throws Exception {
        this.mode = mode;
        String clickhouse = System.getenv().getOrDefault("FOLDWORK_CLICKHOUSE_URL", "http://127.0.0.1:8123");
        shared.addAll(List.of("--foldwork.dispatch=" + mode, "--foldwork.store=clickhouse",
                "--foldwork.clickhouse.url=" + clickhouse, "--foldwork.clickhouse.database=fleet_" + mode + "_" + run,
                "--foldwork.clickhouse.compress-responses=false", "--foldwork.clickhouse.flush-interval=20ms",
                // Catch-up fills what overtaking deliveries left behind. Every 2 s (as AllInOneKillTest
                // runs it) its redeliveries to the busy billing group outgrew what it drains on two cores.
                "--foldwork.catch-up.interval=15s", "--foldwork.catch-up.settle=5s",
                "--foldwork.api-keys[0].tenant=tenant_a",
                "--foldwork.api-keys[0].sha256=f10f781241e2246678b6b45c857069208152a53863e47fac33f607ab405006f4",
                "--foldwork.admin-keys[0].sha256=" + Spans.ADMIN_KEY_SHA256));
        switch (mode) {
            case "redis" -> shared.addAll(List.of("--foldwork.redis.queue=fleet-" + run,
                    "--foldwork.redis.recover-writes-after=5s", "--foldwork.temporal.target=127.0.0.1:" + FreePort.find()));
            case "temporal" -> {
                int temporalPort = FreePort.find();
                modeServer = JavaProcess.start("fleet-temporal-" + run, StandaloneTemporal.class.getName(),
                        String.valueOf(temporalPort)).awaitPort(temporalPort, START);
                // The test server leaves a killed worker's sticky tasks on its queue for good: no sticky
                // execution, so every task replays its run; short runs keep that cheap, and on two
                // loaded cores a replay can still stall past the default 1 s deadlock detection.
                shared.addAll(List.of("--foldwork.temporal.embedded=false", "--foldwork.temporal.target=127.0.0.1:" + temporalPort,
                        "--foldwork.temporal.sticky-schedule-to-start=0s", "--foldwork.temporal.max-history-length=500",
                        "--foldwork.temporal.deadlock-detection=20s"));
            }
            default -> throw new IllegalArgumentException("no fleet settings for dispatch mode " + mode);
        }
    }

    /** Starts a process of the role ({@code web} or {@code worker}) under a name; {@link #awaitAll} waits for it. */
    void start(String name, String role) throws Exception {
        int port = FreePort.find();
        members.put(name, new Member(role, port, launch(name, role, port)));
    }

    void awaitAll() throws InterruptedException {
        for (Member member : members.values()) {
            member.process().awaitPort(member.port(), START);
        }
    }

    /** SIGKILLs the process and starts it again with the same settings and port; returns once it listens. */
    void killAndRestart(String name) throws Exception {
        Member member = members.get(name);
        member.process().close();
        JavaProcess again = launch(name + "-restarted", member.role(), member.port());
        members.put(name, new Member(member.role(), member.port(), again));
        again.awaitPort(member.port(), START);
    }

    String url(String name) {
        return "http://127.0.0.1:" + members.get(name).port();
    }

    private JavaProcess launch(String name, String role, int port) throws Exception {
        List<String> args = new ArrayList<>(shared);
        args.add("--foldwork.role=" + role);
        args.add("--server.port=" + port);
        return JavaProcess.start("fleet-" + mode + "-" + name, QUICK_START, FoldworkApplication.class.getName(),
                args.toArray(String[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        for (Member member : members.values()) {
            member.process().close();
        }
        if (modeServer != null) {
            modeServer.close();
        }
    }
}
