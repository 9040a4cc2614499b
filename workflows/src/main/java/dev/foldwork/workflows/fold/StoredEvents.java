package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.SeqRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events a run was told are stored but did not get (too large to carry in a signal, or sent while
 * the sender was ahead of the run): stream ranges the run reads from the event store a page at a
 * time. Ranges of one stream that touch merge, so a burst of large events to one aggregate is one
 * range, whatever its length.
 *
 * <p>A global fold's run is told of ranges of thousands of streams, so the ranges are kept in
 * slots (in the order they came, a merged range in the slot of the first it touched) with each
 * stream's slots indexed: adding or reading a range looks at its own stream's ranges only. The
 * order is the one runs recorded before the index, which replay relies on (a page read answers for
 * the first ranges asked).
 */
final class StoredEvents {
    /** Ranges in order; null where a range was merged away or read. */
    private final List<SeqRange> slots = new ArrayList<>();
    /** Each stream's slots that hold a range, ascending. */
    private final Map<StreamId, List<Integer>> byStream = new HashMap<>();
    private int live;

    void add(List<SeqRange> refs) {
        for (SeqRange ref : refs) {
            merge(ref);
        }
    }

    boolean isEmpty() {
        return live == 0;
    }

    List<SeqRange> ranges() {
        List<SeqRange> ranges = new ArrayList<>(live);
        for (SeqRange range : slots) {
            if (range != null) {
                ranges.add(range);
            }
        }
        return ranges;
    }

    /**
     * Forgets what a page read of {@code asked} (this list's ranges when it was read) returned. A
     * range that grew while the page was read (a signal merged into it) is kept whole: its events
     * read now are read again, and the folds skip what they hold.
     */
    void read(List<SeqRange> asked, GapFiller.ReadPage page) {
        List<SeqRange> read = asked.subList(0, Math.min(page.rangesRead(), asked.size()));
        Map<StreamId, List<Long>> seqs = new HashMap<>();
        for (Event event : page.events()) {
            seqs.computeIfAbsent(event.streamId(), stream -> new ArrayList<>()).add(event.seq());
        }
        for (SeqRange range : read) {
            long to = range.fromSeq() - 1;
            for (long seq : seqs.getOrDefault(range.stream(), List.of())) {
                if (seq >= range.fromSeq() && seq <= range.toSeq()) {
                    to = Math.max(to, seq);
                }
            }
            Integer slot = slotOf(range);
            if (slot == null) {
                continue;
            }
            if (to == range.fromSeq() - 1 || to >= range.toSeq()) {
                clear(slot); // all read, or nothing there: no stored event is left to wait for
            } else {
                slots.set(slot, new SeqRange(range.stream(), to + 1, range.toSeq()));
            }
        }
        compactIfSparse();
    }

    /** Into the first range it touches (which may then absorb others it reaches), else at the end. */
    private void merge(SeqRange ref) {
        List<Integer> own = byStream.computeIfAbsent(ref.stream(), stream -> new ArrayList<>());
        Integer at = null;
        SeqRange merged = ref;
        for (int i = 0; i < own.size(); i++) {
            int slot = own.get(i);
            SeqRange known = slots.get(slot);
            if (touch(known, merged)) {
                merged = new SeqRange(known.stream(), Math.min(known.fromSeq(), merged.fromSeq()),
                        Math.max(known.toSeq(), merged.toSeq()));
                if (at == null) {
                    at = slot;
                } else {
                    slots.set(slot, null);
                    own.remove(i--);
                    live--;
                }
            }
        }
        if (at == null) {
            own.add(slots.size());
            slots.add(ref);
            live++;
        } else {
            slots.set(at, merged);
        }
    }

    /** The slot holding exactly {@code range}, or null when it is gone or changed. */
    private Integer slotOf(SeqRange range) {
        for (int slot : byStream.getOrDefault(range.stream(), List.of())) {
            if (range.equals(slots.get(slot))) {
                return slot;
            }
        }
        return null;
    }

    private void clear(int slot) {
        StreamId stream = slots.get(slot).stream();
        slots.set(slot, null);
        live--;
        List<Integer> own = byStream.get(stream);
        own.remove(Integer.valueOf(slot));
        if (own.isEmpty()) {
            byStream.remove(stream);
        }
    }

    /** Drops the empty slots once they are most of the list; the ranges keep their order. */
    private void compactIfSparse() {
        if (slots.size() < 64 || live * 2 > slots.size()) {
            return;
        }
        List<SeqRange> ranges = ranges();
        slots.clear();
        byStream.clear();
        for (SeqRange range : ranges) {
            byStream.computeIfAbsent(range.stream(), stream -> new ArrayList<>()).add(slots.size());
            slots.add(range);
        }
    }

    private static boolean touch(SeqRange a, SeqRange b) {
        return b.fromSeq() <= a.toSeq() + 1 && b.toSeq() >= a.fromSeq() - 1;
    }
}
