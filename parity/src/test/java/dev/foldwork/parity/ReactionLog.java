package dev.foldwork.parity;

import dev.foldwork.core.domain.Event;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reactor calls a run made, reduced to what does not depend on how events were batched: per
 * reactor without a job id, the set of events it reacted to; per job id of a reactor with one,
 * the latest event it reacted to (a reaction runs at least once, so repeats change neither).
 * Events are named by stream and {@code seq}, since each run mints their ids anew.
 */
final class ReactionLog {
    private final Map<String, Set<String>> eachEvent = new ConcurrentHashMap<>();
    private final Map<String, Reacted> latestPerJob = new ConcurrentHashMap<>();

    /** A reaction that ran to its end; {@code jobId} as its reactor gives it for the event. */
    void record(String fold, String reactor, Optional<String> jobId, Event event) {
        String name = fold + "/" + reactor;
        Reacted reacted = new Reacted(event.tenantId().value() + "/" + event.aggregateType().value() + "/" + event.aggregateId(),
                event.seq());
        if (jobId.isEmpty()) {
            eachEvent.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(reacted.toString());
        } else {
            latestPerJob.merge(name + "/" + event.tenantId().value() + "/" + jobId.get(), reacted, Reacted::later);
        }
    }

    Snapshot snapshot() {
        SortedMap<String, SortedSet<String>> events = new TreeMap<>();
        eachEvent.forEach((reactor, seen) -> events.put(reactor, new TreeSet<>(seen)));
        SortedMap<String, String> latest = new TreeMap<>();
        latestPerJob.forEach((job, reacted) -> latest.put(job, reacted.toString()));
        return new Snapshot(events, latest);
    }

    /** What every mode must agree on: keyed {@code fold/reactor} and {@code fold/reactor/tenant/jobId}. */
    record Snapshot(SortedMap<String, SortedSet<String>> eachEvent, SortedMap<String, String> latestPerJob) {}

    private record Reacted(String stream, long seq) {
        /** The later of two events of one job; a job's events may come from several streams (a global fold's). */
        static Reacted later(Reacted a, Reacted b) {
            int bySeq = Long.compare(a.seq, b.seq);
            return bySeq > 0 || (bySeq == 0 && a.stream.compareTo(b.stream) >= 0) ? a : b;
        }

        @Override
        public String toString() {
            return stream + "@" + seq;
        }
    }
}
