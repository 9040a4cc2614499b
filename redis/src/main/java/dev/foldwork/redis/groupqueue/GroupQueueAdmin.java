package dev.foldwork.redis.groupqueue;

import dev.foldwork.redis.groupqueue.GroupQueueScripts.Script;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's view of a queue: pause and resume a group or a scope of groups; page through a
 * group's staged jobs; list, retry and skip parked groups;
 * list, retry and discard dead letters; a snapshot of its size. Every change runs in a script,
 * so it keeps the queue's invariants while workers run. Reading the parked groups and the dead
 * letters is {@link ParkedGroupRecords}' and {@link DeadLetterRecords}'.
 */
public final class GroupQueueAdmin {
    /**
     * The queue as a whole at one moment; parked and throttled groups also by tenant, counted over
     * the first {@link #MAX_EXAMINED} of each.
     */
    public record Snapshot(long depth, long readyGroups, long activeGroups, long parkedGroups, long deadLetters,
                           long oldestReadyAgeMillis, Map<String, Long> parkedByTenant,
                           Map<String, Long> throttledByTenant) {}

    /** One staged job of a group: its id, body and the attempts that failed so far. */
    public record GroupJob(String id, String body, int failedAttempts) {}

    public enum JobState { QUEUED, DEAD, COMPLETED }

    /** Entries one page request reads at most, matching or not. */
    public static final int MAX_EXAMINED = 10_000;
    /** Entries read per Redis call while paging. */
    static final int PAGE_READ = 200;

    private final GroupQueue queue;
    private final RedisCommands<String, String> redis;
    private final JobBodies bodies;
    private final ParkedGroupRecords parked;
    private final DeadLetterRecords dead;

    public GroupQueueAdmin(GroupQueue queue) {
        this.queue = queue;
        this.redis = queue.connection().sync();
        this.bodies = new JobBodies(queue.keys(), redis);
        this.parked = new ParkedGroupRecords(queue.keys(), redis, bodies);
        this.dead = new DeadLetterRecords(queue.keys(), redis);
    }

    /** Stops the group after its running jobs; its jobs wait, in order. */
    public void pause(String group) {
        queue.controlScript(Script.PAUSE, QueueKeys.checkGroup(group), "pause");
    }

    public void resume(String group) {
        queue.controlScript(Script.PAUSE, QueueKeys.checkGroup(group), "resume");
    }

    /** Stops every group the scope covers after its running jobs, including groups staged later. */
    public void pause(PauseScope scope) {
        queue.controlScript(Script.PAUSE, scope.encoded(), "pause-scope");
    }

    /** Lines up again the scope's groups that no other paused scope covers; returns how many. */
    public long resume(PauseScope scope) {
        return queue.controlScript(Script.PAUSE, scope.encoded(), "resume-scope");
    }

    public List<PauseScope> pausedScopes() {
        return redis.smembers(queue.keys().key("scopes")).stream().sorted().map(PauseScope::decode).toList();
    }

    /**
     * The jobs staged in one group, in the order they run, at most {@code limit} from {@code
     * cursor} (a position in the group; null: the head).
     */
    public QueuePage<GroupJob> groupJobs(String group, int limit, String cursor) {
        String key = queue.keys().key("g:" + QueueKeys.checkGroup(group));
        long from = cursor == null ? 0 : Long.parseLong(cursor);
        List<String> ids = redis.zrange(key, from, from + limit); // one more than asked: is there a next page?
        List<String> page = ids.subList(0, Math.min(limit, ids.size()));
        List<GroupJob> jobs = new ArrayList<>(page.size());
        if (!page.isEmpty()) {
            var held = redis.hmget(queue.keys().key("jobs"), page.toArray(String[]::new));
            var attempts = redis.hmget(queue.keys().key("attempts"), page.toArray(String[]::new));
            for (int i = 0; i < page.size(); i++) {
                jobs.add(new GroupJob(page.get(i), bodies.resolve(page.get(i), held.get(i).getValueOrElse("")),
                        Integer.parseInt(attempts.get(i).getValueOrElse("0"))));
            }
        }
        return new QueuePage<>(jobs, ids.size() > limit ? Long.toString(from + limit) : null);
    }

    public List<ParkedGroup> parkedGroups() {
        return parked.all();
    }

    /** Runs the parked group's failed job again, with fresh attempts. False if it was not parked. */
    public boolean retryParked(String group) {
        return queue.controlScript(Script.PARKED, QueueKeys.checkGroup(group), "retry") == 1;
    }

    /** The group if it is parked. */
    public Optional<ParkedGroup> parkedGroup(String group) {
        return parked.one(group);
    }

    /** The body of the job a parked group stopped at; empty if the group is not parked. */
    public Optional<String> parkedJobBody(String group) {
        return parked.jobBody(group);
    }

    /** Moves the parked group's failed job to the dead letters and lets the group go on. */
    public boolean skipParked(String group) {
        return queue.controlScript(Script.PARKED, QueueKeys.checkGroup(group), "skip") == 1;
    }

    /** Dead letters, oldest first. */
    public List<DeadJob> deadLetters() {
        return dead.all();
    }

    /**
     * Dead letters matching {@code filter}, oldest first, at most {@code limit}, from {@code cursor}
     * (null: the start; else the {@code nextCursor} of the page before). A page looks at no more
     * than {@link #MAX_EXAMINED} dead letters, so a rare match may take several pages.
     */
    public QueuePage<DeadJob> deadLetters(QueueItemFilter filter, int limit, String cursor) {
        return dead.page(filter, limit, cursor);
    }

    /**
     * Parked groups matching {@code filter} in the order of their names, at most {@code limit},
     * after {@code cursor} (null: from the first; else the {@code nextCursor} of the page before,
     * the last group it held). Ordering by name keeps pages apart while groups are parked and
     * unparked between them; a scan cursor could not stop within one reply, and a small hash comes
     * whole in one. Looks at the first {@link #MAX_EXAMINED} parked groups a scan finds.
     */
    public QueuePage<ParkedGroup> parkedGroups(QueueItemFilter filter, int limit, String cursor) {
        return parked.page(filter, limit, cursor);
    }

    /**
     * Stages a dead letter again at the tail of its group as a new job with fresh attempts, and
     * returns that job's id; empty if there is no such dead letter.
     */
    public Optional<String> retryDeadLetterAsJob(String id) {
        long job = queue.controlScript(Script.DEAD, id, "retry");
        return job == 0 ? Optional.empty() : Optional.of(Long.toString(job));
    }

    /** Where a job is now: waiting or running, dead-lettered, or gone because it completed. */
    public JobState jobState(String jobId) {
        // Jobs first: a job leaves "jobs" for "dead" in one script, so once it is out of "jobs" its
        // place in "dead" is settled. Asked the other way round, a job failing between the two reads
        // would look completed.
        if (redis.hexists(queue.keys().key("jobs"), jobId)) {
            return JobState.QUEUED;
        }
        return redis.hexists(queue.keys().key("dead"), jobId) ? JobState.DEAD : JobState.COMPLETED;
    }

    /**
     * Drops dead letters beyond the retention: older than {@code maxAge}, then the oldest beyond
     * {@code maxCount}; at most 1,000 per call. Returns how many were dropped.
     */
    public int trimDeadLetters(int maxCount, Duration maxAge) {
        return dead.trim(maxCount, maxAge);
    }

    /** Stages a dead letter again at the tail of its group. False if there is no such dead letter. */
    public boolean retryDeadLetter(String id) {
        return retryDeadLetterAsJob(id).isPresent();
    }

    public boolean discardDeadLetter(String id) {
        return queue.controlScript(Script.DEAD, id, "discard") == 1;
    }

    public Snapshot snapshot() {
        QueueKeys keys = queue.keys();
        // throttled groups are ready too, held back only by their tenant's cap: they count in both
        List<ScoredValue<String>> oldest = new ArrayList<>(redis.zrangeWithScores(keys.key("ready"), 0, 0));
        oldest.addAll(redis.zrangeWithScores(keys.key("throttled"), 0, 0));
        long now = RedisClock.nowMillis(redis);
        long age = oldest.stream().mapToLong(o -> Math.max(0, now - (long) o.getScore())).max().orElse(0);
        long ready = redis.zcard(keys.key("ready")) + redis.zcard(keys.key("throttled"));
        return new Snapshot(redis.hlen(keys.key("jobs")), ready, redis.zcard(keys.key("active")),
                redis.hlen(keys.key("parked")), redis.hlen(keys.key("dead")), age,
                byTenant(parked.names()), byTenant(redis.zrange(keys.key("throttled"), 0, MAX_EXAMINED - 1)));
    }

    /** Group names start with their tenant and a colon. */
    private static Map<String, Long> byTenant(List<String> groups) {
        Map<String, Long> counts = new TreeMap<>();
        for (String group : groups) {
            counts.merge(group.substring(0, Math.max(0, group.indexOf(':'))), 1L, Long::sum);
        }
        return counts;
    }

    /** A KEYS/SCAN pattern that matches every key of this queue and nothing else. */
    public String queueKeyPattern() {
        return queue.keys().prefix() + "*";
    }

    /** Deletes every key of the queue: for tests and for retiring a queue. */
    public void deleteAll() {
        ScanArgs match = ScanArgs.Builder.matches(queueKeyPattern()).limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
