package dev.foldwork.workflows;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.runtime.SeqRange;
import java.util.ArrayList;
import java.util.List;

/** A batch of events as the stream ranges that hold them, to pass by reference. */
public final class SeqRanges {
    private SeqRanges() {}

    /** One range per run of consecutive seqs of one stream, in the batch's order. */
    public static List<SeqRange> of(List<Event> batch) {
        List<SeqRange> ranges = new ArrayList<>();
        for (Event event : batch) {
            SeqRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.stream().equals(event.streamId()) && event.seq() == last.toSeq() + 1) {
                ranges.set(ranges.size() - 1, new SeqRange(last.stream(), last.fromSeq(), event.seq()));
            } else {
                ranges.add(new SeqRange(event.streamId(), event.seq(), event.seq()));
            }
        }
        return ranges;
    }
}
