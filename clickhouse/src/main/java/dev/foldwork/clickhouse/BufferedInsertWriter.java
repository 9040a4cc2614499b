package dev.foldwork.clickhouse;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers the rows of many concurrent writes to one table into few large inserts, as ClickHouse
 * wants them: an insert goes out once {@code batchRows} rows wait or the oldest has waited
 * {@code flushInterval}. One thread sends, so a table gets one insert at a time.
 *
 * <p>{@link #write} is synchronous: it returns once its rows are stored. If {@code maxWait}
 * passes while its rows still wait in the buffer they are withdrawn and the write fails; once
 * they are in an insert, the write waits for that insert's outcome. An insert is one block, so an
 * insert that fails leaves none of its rows visible; if the server refused it, each write in it
 * is sent again alone, so rows it cannot take (a {@link ClickHouseRejectedException}) fail only
 * their own write; if the server did not answer, every write in it fails.
 */
public final class BufferedInsertWriter implements AutoCloseable {
    /** An insert stops taking further writes past this size, so bodies of large rows stay bounded. */
    static final int MAX_INSERT_BYTES = 64 << 20;

    private record Pending(byte[] rows, int rowCount, long enqueuedNanos, CompletableFuture<Void> stored) {}

    private final ClickHouseDatabase database;
    private final String table;
    private final int batchRows;
    private final long flushIntervalNanos;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final Thread sender;
    private int waitingRows;
    private long waitingBytes;
    private boolean closed;

    public BufferedInsertWriter(ClickHouseDatabase database, String table) {
        ClickHouseSettings settings = database.settings();
        this.database = database;
        this.table = table;
        this.batchRows = settings.batchRows();
        this.flushIntervalNanos = settings.flushInterval().toNanos();
        this.maxWait = settings.maxWait();
        this.sender = new Thread(this::sendLoop, "clickhouse-insert-" + settings.database() + "." + table);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Writes JSONEachRow lines (each ending in a newline) and returns once they are stored. */
    public void write(byte[] rows, int rowCount) {
        if (rowCount == 0) {
            return;
        }
        // A write larger than one ClickHouse insert block could become partly visible if it failed.
        if (rowCount > ClickHouseSettings.MAX_BATCH_ROWS) {
            throw new IllegalArgumentException("a batch holds at most " + ClickHouseSettings.MAX_BATCH_ROWS
                    + " rows so it is written all or nothing, was " + rowCount + "; split it");
        }
        Pending pending = new Pending(rows, rowCount, System.nanoTime(), new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the ClickHouse writer of " + table + " is closed");
            }
            waiting.add(pending);
            waitingRows += rowCount;
            waitingBytes += rows.length;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        awaitStored(pending);
    }

    private void awaitStored(Pending pending) {
        try {
            pending.stored().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (withdraw(pending)) {
                throw new ClickHouseStoreException("ClickHouse at " + database.settings().url() + ": " + pending.rowCount()
                        + " rows for " + table + " were not written within " + maxWait + "; none of them was written", e);
            }
            awaitInFlight(pending);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (withdraw(pending)) {
                throw new ClickHouseStoreException("interrupted before the rows for " + table + " were written", e);
            }
            awaitInFlight(pending);
        }
    }

    /** The rows were already taken into an insert: its outcome, bounded by the socket timeout, decides. */
    private static void awaitInFlight(Pending pending) {
        try {
            pending.stored().join();
        } catch (CompletionException e) {
            throw failed(e.getCause());
        }
    }

    /** The insert's failure, thrown again on the writing thread; a refusal of the data stays one. */
    private static ClickHouseStoreException failed(Throwable cause) {
        return cause instanceof ClickHouseRejectedException
                ? new ClickHouseRejectedException(cause.getMessage(), cause)
                : new ClickHouseStoreException(cause.getMessage(), cause);
    }

    private boolean withdraw(Pending pending) {
        lock.lock();
        try {
            if (waiting.remove(pending)) {
                waitingRows -= pending.rowCount();
                waitingBytes -= pending.rows().length;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void sendLoop() {
        while (true) {
            List<Pending> batch = nextBatch();
            if (batch.isEmpty()) {
                return;
            }
            send(batch);
        }
    }

    /** Waits until a batch is due and takes it; empty once closed and drained. */
    private List<Pending> nextBatch() {
        lock.lock();
        try {
            while (true) {
                if (waiting.isEmpty()) {
                    if (closed) {
                        return List.of();
                    }
                    changed.awaitUninterruptibly();
                    continue;
                }
                long waitedNanos = System.nanoTime() - waiting.peek().enqueuedNanos();
                if (closed || waitingRows >= batchRows || waitingBytes >= MAX_INSERT_BYTES
                        || waitedNanos >= flushIntervalNanos) {
                    return take();
                }
                try {
                    changed.awaitNanos(flushIntervalNanos - waitedNanos);
                } catch (InterruptedException e) {
                    // Only close() wakes this thread; the loop checks again.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes whole writes, oldest first, up to batchRows rows and MAX_INSERT_BYTES (always at least one write). */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int rows = 0;
        long bytes = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || (rows + waiting.peek().rowCount() <= batchRows
                && bytes + waiting.peek().rows().length <= MAX_INSERT_BYTES))) {
            Pending next = waiting.poll();
            batch.add(next);
            rows += next.rowCount();
            bytes += next.rows().length;
        }
        waitingRows -= rows;
        waitingBytes -= bytes;
        return batch;
    }

    private void send(List<Pending> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Pending pending : batch) {
            body.writeBytes(pending.rows());
        }
        try {
            database.insertJsonRows(table, body.toByteArray());
            batch.forEach(pending -> pending.stored().complete(null));
        } catch (RuntimeException | Error e) {
            if (batch.size() > 1 && ClickHouseRejectedException.isServerRefusal(e)) {
                // The server refused the insert, so nothing of it is visible: send each write alone,
                // so that rows it cannot take fail only the write that holds them.
                batch.forEach(this::sendAlone);
            } else {
                batch.forEach(pending -> pending.stored().completeExceptionally(classified(e)));
            }
        }
    }

    private void sendAlone(Pending pending) {
        try {
            database.insertJsonRows(table, pending.rows());
            pending.stored().complete(null);
        } catch (RuntimeException | Error e) {
            pending.stored().completeExceptionally(classified(e));
        }
    }

    private Throwable classified(Throwable failure) {
        return ClickHouseRejectedException.isDataError(failure)
                ? new ClickHouseRejectedException("ClickHouse at " + database.settings().url() + " refused rows for " + table
                        + " because of what they hold; none of them was written: " + failure.getMessage(), failure)
                : failure;
    }

    /** Sends what still waits, then stops the sending thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
