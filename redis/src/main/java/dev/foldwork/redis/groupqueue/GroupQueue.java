package dev.foldwork.redis.groupqueue;

import dev.foldwork.redis.groupqueue.GroupQueueScripts.Script;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A per-group FIFO job queue on Redis: the client side of the Lua scripts. Staging, claiming
 * and completing each take many jobs per script call, so throughput comes from batches, not
 * round trips. Thread-safe. Staging has a connection of its own, so producers never queue
 * behind a consumer's claims and reports on the client side; each connection keeps its calls in order.
 */
public final class GroupQueue implements AutoCloseable {
    /** What one claim call returned, and when something may next be due (-1: nothing queued). */
    public record Claim(List<ClaimedGroup> groups, long nextWakeMillis) {}

    /**
     * Jobs added by a stage call, jobs that joined a pending one instead (dedup), and hints a
     * held-back group shed.
     */
    public record Staged(long staged, long coalesced, long shed) {}

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, String> stageConnection;
    private final QueueKeys keys;
    private final GroupQueueOptions options;
    private final GroupQueueScripts scripts;
    private final GroupQueueScripts stageScripts;
    private final GroupQueueMetrics metrics;

    private GroupQueue(RedisClient client, QueueKeys keys, GroupQueueOptions options, GroupQueueMetrics metrics) {
        this.client = client;
        this.connection = client.connect();
        this.keys = keys;
        this.options = options;
        this.metrics = metrics;
        this.scripts = new GroupQueueScripts(connection.async(), keys);
        this.stageConnection = client.connect();
        this.stageScripts = new GroupQueueScripts(stageConnection.async(), keys);
    }

    public static GroupQueue open(RedisClient client, String name, GroupQueueOptions options, GroupQueueMetrics metrics) {
        return new GroupQueue(client, new QueueKeys(name), options, metrics);
    }

    public QueueKeys keys() {
        return keys;
    }

    public GroupQueueOptions options() {
        return options;
    }

    public GroupQueueMetrics metrics() {
        return metrics;
    }

    /** Refuses a job whose body is over the limit, else returns the body's bytes; groups were checked when the job was built. */
    public int check(StagedJob job) {
        int bytes = job.body().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > options.maxBodyBytes()) {
            throw new JobTooLargeException(job.group(), bytes, options.maxBodyBytes());
        }
        return bytes;
    }

    /** Stages the jobs in order, all or none, in one script call. */
    public CompletableFuture<Staged> stage(List<StagedJob> jobs) {
        long bodyBytes = jobs.stream().mapToLong(this::check).sum();
        List<String> args = new ArrayList<>(3 + jobs.size() * 5);
        args.add(keys.prefix());
        args.add(Integer.toString(options.debounceMaxWaitFactor()));
        args.add(Integer.toString(options.maxHeldHints()));
        for (StagedJob job : jobs) {
            args.add(job.mode().code);
            args.add(job.group());
            args.add(job.body());
            args.add(Long.toString(job.delayMillis()));
            args.add(job.note());
        }
        return stageScripts.<List<Object>>run(Script.STAGE, args.toArray(String[]::new)).thenApply(reply -> {
            Staged staged = new Staged((Long) reply.get(0), (Long) reply.get(1), (Long) reply.get(2));
            metrics.staged(staged, bodyBytes);
            return staged;
        });
    }

    /** Claims up to {@code maxGroups} ready groups with their first jobs. */
    public Claim claim(int maxGroups) {
        List<Object> reply = scripts.<List<Object>>run(Script.CLAIM, keys.prefix(), Integer.toString(maxGroups),
                Long.toString(options.lease().toMillis()), Integer.toString(options.maxJobsPerClaim()),
                Integer.toString(options.tenantCap()), Long.toString(options.maxClaimBytes())).join();
        List<ClaimedGroup> groups = new ArrayList<>();
        int i = 1;
        while (i < reply.size()) {
            String group = (String) reply.get(i);
            String token = (String) reply.get(i + 1);
            long waitedMillis = (Long) reply.get(i + 2);
            int count = ((Long) reply.get(i + 3)).intValue();
            i += 4;
            List<ClaimedJob> jobs = new ArrayList<>(count);
            for (int j = 0; j < count; j++, i += 3) {
                jobs.add(new ClaimedJob((String) reply.get(i), group, (String) reply.get(i + 1), ((Long) reply.get(i + 2)).intValue()));
            }
            groups.add(new ClaimedGroup(group, token, jobs, new Lease(), waitedMillis));
        }
        metrics.claimed(groups);
        return new Claim(groups, (Long) reply.get(0));
    }

    /** Reports claimed groups back in one script call. */
    public CompletableFuture<Void> complete(List<GroupOutcome> outcomes) {
        List<String> args = new ArrayList<>();
        args.add(keys.prefix());
        for (GroupOutcome outcome : outcomes) {
            GroupOutcome.Failure failure = outcome.failure();
            args.add(outcome.claim().group());
            args.add(outcome.claim().token());
            args.add(Integer.toString(outcome.doneIds().size()));
            args.add(failure == null ? "ok" : failure.action().name().toLowerCase());
            args.add(failure == null ? "" : failure.jobId());
            args.add(failure == null ? "0" : Long.toString(failure.retryDelayMillis()));
            args.add(failure == null ? "0" : Integer.toString(failure.attempts()));
            args.add(failure == null ? "" : failure.error());
            args.addAll(outcome.doneIds());
        }
        return scripts.<List<Object>>run(Script.COMPLETE, args.toArray(String[]::new))
                .thenAccept(reply -> metrics.completed(outcomes, reply));
    }

    /**
     * Renews the leases of groups still running here; returns the groups whose lease was lost (it
     * lapsed and another claim took the group over). This call shows the worker alive, so the
     * failed attempt that lapse cost the group's head job is given back.
     */
    public CompletableFuture<List<String>> extend(List<ClaimedGroup> running) {
        List<String> args = new ArrayList<>(2 + running.size() * 2);
        args.add(keys.prefix());
        args.add(Long.toString(options.lease().toMillis()));
        for (ClaimedGroup group : running) {
            args.add(group.group());
            args.add(group.token());
        }
        return scripts.run(Script.EXTEND, args.toArray(String[]::new));
    }

    /** A connection of its own for blocking reads, which would stall every other call. */
    StatefulRedisConnection<String, String> openBlockingConnection() {
        return client.connect();
    }

    /** Blocks up to {@code millis} for a wake-up token that a stage or release pushed; true if one came. */
    boolean awaitWake(StatefulRedisConnection<String, String> blocking, long millis) {
        return blocking.sync().blpop(Math.max(0.01, millis / 1000.0), keys.wakeKey()) != null;
    }

    long controlScript(Script script, String... args) {
        String[] withPrefix = new String[args.length + 1];
        withPrefix[0] = keys.prefix();
        System.arraycopy(args, 0, withPrefix, 1, args.length);
        return scripts.<Long>run(script, withPrefix).join();
    }

    StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
        stageConnection.close();
    }
}
