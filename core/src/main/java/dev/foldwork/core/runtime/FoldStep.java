package dev.foldwork.core.runtime;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.stores.FoldCheckpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch to one fold by {@code seq}: pure and deterministic, so Temporal workflow code
 * runs it too. Whatever is at or below the fold's position is a duplicate, however old, and is
 * skipped. An aggregate fold applies exactly {@code position + 1} next; the batch must hold no
 * gap ({@link GapFiller} reads missing events from the store first).
 */
public final class FoldStep {
    private FoldStep() {}

    /** {@code positions}: a global fold's source-stream positions that moved (empty for an aggregate fold). */
    /** {@code changed}: the fold consumed something, applied or skipped on an operator's word, so it is stored. */
    public record Result<S>(S state, FoldCheckpoint checkpoint, Map<StreamId, Long> positions, List<Event> applied,
                            boolean changed) {}

    /** An aggregate fold: {@code events} are of its one stream, in {@code seq} order, without gaps past the position. */
    public static <S> Result<S> apply(FoldProjection<S> fold, S state, FoldCheckpoint checkpoint, List<Event> events) {
        return apply(fold, state, checkpoint, events, Set.of());
    }

    /**
     * As {@link #apply(FoldProjection, Object, FoldCheckpoint, List)}, consuming the events whose ids
     * are in {@code skipped} without applying them: an operator skipped a poison event.
     */
    public static <S> Result<S> apply(FoldProjection<S> fold, S state, FoldCheckpoint checkpoint, List<Event> events,
                                      Set<String> skipped) {
        List<Event> applied = new ArrayList<>();
        long from = checkpoint.position();
        for (Event event : events) {
            if (event.seq() <= checkpoint.position()) {
                continue;
            }
            if (event.seq() != checkpoint.position() + 1) {
                throw new IllegalStateException("fold " + fold.name() + " of " + event.streamId() + " is at seq "
                        + checkpoint.position() + " and was given seq " + event.seq() + "; the events between are missing");
            }
            if (!skipped.contains(event.id())) {
                applied.add(event);
            }
            checkpoint = checkpoint.consumed(event);
        }
        return new Result<>(applyAll(fold, state, applied), checkpoint, Map.of(), applied, checkpoint.position() != from);
    }

    /**
     * A global fold: {@code events} come from many streams, each stream's in {@code seq} order;
     * {@code positions} says how far each stream was consumed before.
     */
    public static <S> Result<S> applyGlobal(FoldProjection<S> fold, S state, FoldCheckpoint checkpoint,
                                            Map<StreamId, Long> positions, List<Event> events, Set<String> skipped) {
        Map<StreamId, Long> moved = new LinkedHashMap<>();
        List<Event> applied = new ArrayList<>();
        for (Event event : events) {
            StreamId stream = event.streamId();
            long position = moved.getOrDefault(stream, positions.getOrDefault(stream, 0L));
            if (event.seq() <= position) {
                continue;
            }
            if (!skipped.contains(event.id())) {
                applied.add(event);
            }
            checkpoint = checkpoint.counted(event);
            moved.put(stream, event.seq());
        }
        return new Result<>(applyAll(fold, state, applied), checkpoint, moved, applied, !moved.isEmpty());
    }

    /**
     * The fold's {@link FoldProjection#applyAll}; if it throws, the events one at a time, so the
     * failure names its event. (A batch that fails where single events do not is the fold's bug;
     * the one-at-a-time state is the reference, so it is the one kept.)
     */
    private static <S> S applyAll(FoldProjection<S> fold, S state, List<Event> events) {
        if (events.isEmpty()) {
            return state;
        }
        try {
            return fold.applyAll(state, events);
        } catch (RuntimeException batchFailed) {
            for (Event event : events) {
                state = applyOne(fold, state, event);
            }
            return state;
        }
    }

    private static <S> S applyOne(FoldProjection<S> fold, S state, Event event) {
        try {
            return fold.apply(state, event);
        } catch (RuntimeException e) {
            throw new FoldApplyException(fold.name(), event, e);
        }
    }
}
