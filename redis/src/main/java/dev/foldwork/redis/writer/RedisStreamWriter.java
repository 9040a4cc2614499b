package dev.foldwork.redis.writer;

import dev.foldwork.core.dispatch.EventDispatcher;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.service.NewEvent;
import dev.foldwork.core.service.StaleDecisionException;
import dev.foldwork.core.service.StreamWriter;
import dev.foldwork.core.stores.EventStore;
import dev.foldwork.redis.writer.WriterScripts.Script;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * The single writer of streams across processes in Redis mode. One script call per write checks
 * the histories the command decided on, takes the next seqs from each stream's counter and
 * records the write with its seqs, atomically; only then are the events stored and dispatched.
 * Everything after the script may happen twice (a writer paused past the recovery time, and the
 * recovery itself) and stores the same (id, seq) pairs, so no seq is ever given to two events
 * and nothing the script accepted is lost when a process dies ({@link PendingWriteRecovery}).
 * A Redis that restarted may have lost its last counter updates (appendfsync everysec, a machine
 * crash): each counter written before the restart is checked against the store once, after
 * {@value #RESTART_GRACE_MILLIS} ms, and the larger end wins.
 */
public final class RedisStreamWriter implements StreamWriter, AutoCloseable {
    private static final String NO_EXPECTATION = "-";
    private static final String NOT_READ = "?";
    private static final int SEED_ATTEMPTS = 3;
    /** After Redis restarted, how long a counter of the old Redis waits before it is checked against the store. */
    static final long RESTART_GRACE_MILLIS = 2_000;

    private final StatefulRedisConnection<String, String> connection;
    private final WriterKeys keys;
    private final WriterScripts scripts;
    private final EventStore store;
    private final PendingWrites pending;
    private final RedisStreamWriterOptions options;

    /** Writes with the keys of the Redis queue {@code queue}; dispatches through {@code dispatcher}. */
    public RedisStreamWriter(RedisClient client, String queue, EventStore store, EventDispatcher dispatcher,
                             RedisStreamWriterOptions options) {
        this.connection = client.connect();
        this.keys = new WriterKeys(queue);
        this.scripts = new WriterScripts(connection.async());
        this.store = store;
        this.pending = new PendingWrites(scripts, keys, store, dispatcher);
        this.options = options;
    }

    /** A loop that stores and dispatches writes whose writers did not finish them; close it with this writer. */
    public PendingWriteRecovery recovery() {
        return new PendingWriteRecovery(pending, options);
    }

    @Override
    public List<Event> write(List<NewEvent> newEvents, Map<StreamId, Long> expected) {
        if (newEvents.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one event");
        }
        List<StreamId> streams = new ArrayList<>(PendingWrite.streams(newEvents));
        expected.keySet().stream().filter(stream -> !streams.contains(stream)).forEach(streams::add);
        String writeId = UUID.randomUUID().toString();
        String body = PendingWrite.encodeEvents(newEvents);
        Map<StreamId, Long> seeds = new HashMap<>();
        int seedings = 0;
        while (seedings < SEED_ATTEMPTS) {
            List<Object> reply = sequence(keys(streams), args(writeId, body, streams, newEvents, expected, seeds));
            switch ((String) reply.get(0)) {
                case "ok" -> {
                    List<Long> firsts = reply.subList(1, reply.size()).stream().map(Long.class::cast).toList();
                    PendingWrite write = new PendingWrite(writeId, PendingWrite.sequenced(newEvents, firsts));
                    pending.complete(write);
                    return write.events();
                }
                case "seed" -> {
                    seedings++;
                    reply.subList(1, reply.size()).forEach(index -> {
                        StreamId stream = streams.get(((Long) index).intValue() - 1);
                        seeds.put(stream, store.lastSeq(stream)); // first write to it lately, or since Redis restarted
                    });
                }
                case "restarted" -> {
                    seeds.clear(); // read the store's ends after the grace, when the writes given seqs before have reached it
                    pause((Long) reply.get(1));
                }
                case "stale" -> {
                    StreamId stream = streams.get(((Long) reply.get(1)).intValue() - 1);
                    throw new StaleDecisionException(stream, expected.get(stream), (Long) reply.get(2));
                }
                case "blocked" -> throw new IllegalStateException("write " + reply.get(1) + " has waited "
                        + reply.get(2) + " ms, longer than the seq counters live (" + options.counterTtl()
                        + "), to be stored; until recovery stores it no stream counter can be seeded from the store safely");
                default -> throw new IllegalStateException("the sequence script answered " + reply);
            }
        }
        throw new IllegalStateException("the seq counters of " + streams + " expired " + SEED_ATTEMPTS
                + " times while they were seeded; is something deleting them?");
    }

    /**
     * Runs the sequence script, again while Redis is loading or the connection drops. That is safe
     * because the script hands a write id it already recorded the same seqs; it stops well before
     * recovery could take the record over ({@code recoverAfter} / 2).
     */
    private List<Object> sequence(List<String> keys, List<String> args) {
        long deadline = System.nanoTime() + options.recoverAfter().toNanos() / 2;
        long backoffMillis = 20;
        while (true) {
            try {
                return scripts.run(Script.SEQUENCE, keys, args).join();
            } catch (CompletionException e) {
                if (!passing(e.getCause()) || System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(backoffMillis); // Redis is loading or reconnecting
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", interrupted);
            }
            backoffMillis = Math.min(backoffMillis * 2, 500);
        }
    }

    /**
     * Redis loading its data, busy with a script, or the connection dropping: gone in a moment. A
     * connection reset mid-command reaches the caller as the socket's own IOException.
     */
    private static boolean passing(Throwable error) {
        return error instanceof RedisLoadingException || error instanceof RedisBusyException || error instanceof IOException
                || (error instanceof RedisException && !(error instanceof RedisCommandExecutionException));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Redis's restart grace ran", e);
        }
    }

    private List<String> keys(List<StreamId> streams) {
        List<String> all = new ArrayList<>(pending.fixedKeys());
        streams.forEach(stream -> all.add(keys.counter(stream)));
        return all;
    }

    private List<String> args(String writeId, String body, List<StreamId> streams, List<NewEvent> newEvents,
                              Map<StreamId, Long> expected, Map<StreamId, Long> seeds) {
        Map<StreamId, Integer> counts = new HashMap<>();
        newEvents.forEach(event -> counts.merge(event.stream(), 1, Integer::sum));
        List<String> args = new ArrayList<>(5 + streams.size() * 3);
        args.add(writeId);
        args.add(Long.toString(options.counterTtl().toMillis()));
        args.add(Long.toString(options.recoverAfter().toMillis()));
        args.add(body);
        args.add(Long.toString(RESTART_GRACE_MILLIS));
        for (StreamId stream : streams) {
            Long decidedAt = expected.get(stream);
            Long seed = seeds.get(stream);
            args.add(decidedAt == null ? NO_EXPECTATION : Long.toString(decidedAt));
            args.add(Integer.toString(counts.getOrDefault(stream, 0)));
            args.add(seed == null ? NOT_READ : Long.toString(seed));
        }
        return args;
    }

    @Override
    public void close() {
        connection.close();
    }
}
