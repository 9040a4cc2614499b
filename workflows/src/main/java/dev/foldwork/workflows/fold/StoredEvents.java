package dev.foldwork.workflows.fold;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.GapFiller;
import dev.foldwork.core.runtime.SeqRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Events a run was told are stored but did not get (too large to carry in a signal): stream
 * ranges the run reads from the event store a page at a time. Ranges of one stream that touch
 * merge, so a burst of large events to one aggregate is one range, whatever its length.
 */
final class StoredEvents {
    private final List<SeqRange> ranges = new ArrayList<>();

    void add(List<SeqRange> refs) {
        for (SeqRange ref : refs) {
            merge(ref);
        }
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    List<SeqRange> ranges() {
        return List.copyOf(ranges);
    }

    /** Forgets what a page read of {@code asked} (this list's ranges when it was read) returned. */
    void read(List<SeqRange> asked, GapFiller.ReadPage page) {
        for (SeqRange range : asked.subList(0, Math.min(page.rangesRead(), asked.size()))) {
            long readTo = range.fromSeq() - 1;
            for (Event event : page.events()) {
                if (event.streamId().equals(range.stream()) && event.seq() >= range.fromSeq() && event.seq() <= range.toSeq()) {
                    readTo = Math.max(readTo, event.seq());
                }
            }
            int at = ranges.indexOf(range);
            if (readTo == range.fromSeq() - 1 || readTo >= range.toSeq()) {
                ranges.remove(at); // all read, or nothing there: no stored event is left to wait for
            } else {
                ranges.set(at, new SeqRange(range.stream(), readTo + 1, range.toSeq()));
            }
        }
    }

    /** Into the first range it touches (which may then absorb others it reaches), else at the end. */
    private void merge(SeqRange ref) {
        int at = -1;
        SeqRange merged = ref;
        for (int i = 0; i < ranges.size(); i++) {
            SeqRange known = ranges.get(i);
            if (touch(known, merged)) {
                merged = new SeqRange(known.stream(), Math.min(known.fromSeq(), merged.fromSeq()),
                        Math.max(known.toSeq(), merged.toSeq()));
                if (at < 0) {
                    at = i;
                } else {
                    ranges.remove(i--);
                }
            }
        }
        if (at < 0) {
            ranges.add(ref);
        } else {
            ranges.set(at, merged);
        }
    }

    private static boolean touch(SeqRange a, SeqRange b) {
        return a.stream().equals(b.stream()) && b.fromSeq() <= a.toSeq() + 1 && b.toSeq() >= a.fromSeq() - 1;
    }
}
