package dev.foldwork.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.MapRecord;
import dev.foldwork.pipelines.sample.ProjectionSnapshot.Address;
import dev.foldwork.pipelines.sample.SampleStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample stream leaves identical fold states and map records, and makes the same reactor
 * calls, in every dispatch mode. The reference is the memory mode at its most sequential; each
 * other mode is one more case in {@link #modes()}. Event ids and stamps are minted anew by each
 * run, so fields that hold them (named {@code ...At}, and {@code lastEventId}) are left out of the
 * comparison; map records are compared by their content, per aggregate, in any order. Reactor
 * calls are compared as {@link ReactionLog} reduces them, whatever the batches were: the events
 * each reactor without a job id reacted to, and the latest event reacted to per job id.
 */
class CrossModeParityTest {
    /**
     * 4,000 commands: every projection still gets hundreds of aggregates, and the Temporal case
     * (about 100 commands/s on the in-process test server) stays near a minute. {@code scripts/bench
     * soak} runs the standard 12,000.
     */
    private static final SampleStream STREAM = SampleStream.generate(SampleStream.DEFAULT_SEED,
            Boolean.getBoolean("foldwork.soak") ? SampleStream.DEFAULT_SIZE : 4_000);
    private static View reference;

    static Stream<ParityMode> modes() {
        return Stream.of(
                new MemoryParityMode(4, 3, 4),
                new MemoryParityMode(2, 1000, 1),
                new RedisParityMode(4),
                new TemporalParityMode(8));
    }

    @BeforeAll
    static void runTheReference() throws Exception {
        reference = View.of(new MemoryParityMode(1, 1000, 1).run(STREAM));
    }

    @Test
    void theReferenceCoversEveryProjection() {
        assertThat(reference.folds.keySet().stream().map(a -> a.projection()).distinct()).containsExactlyInAnyOrder(
                "trace_summary", "evaluation_run", "experiment_run_state", "simulation_run_state", "billing_meter", "sdk_usage");
        assertThat(reference.maps.keySet().stream().map(a -> a.projection()).distinct()).containsExactlyInAnyOrder(
                "span_storage", "experiment_run_results", "simulation_run_metrics");
        assertThat(reference.folds).hasSizeGreaterThan(500);
        assertThat(reference.reactions.eachEvent().keySet()).contains("trace_summary/trace_index",
                "trace_summary/every_event", "billing_meter/every_event", "evaluation_run/every_event");
        assertThat(reference.reactions.latestPerJob().keySet()).anyMatch(job -> job.startsWith("trace_summary/evaluation_trigger/"))
                .anyMatch(job -> job.startsWith("trace_summary/update_broadcast/"))
                .anyMatch(job -> job.startsWith("sdk_usage/latest_event/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void leavesTheSameProjectionsAsTheReference(ParityMode mode) throws Exception {
        View view = View.of(mode.run(STREAM));

        assertThat(view.outcome).isEqualTo(reference.outcome);
        assertThat(view.folds.keySet()).isEqualTo(reference.folds.keySet());
        reference.folds.forEach((address, state) ->
                assertThat(view.folds.get(address)).as("fold state at %s", address).isEqualTo(state));
        assertThat(view.maps.keySet()).isEqualTo(reference.maps.keySet());
        reference.maps.forEach((address, records) ->
                assertThat(view.maps.get(address)).as("map records at %s", address).isEqualTo(records));
        assertThat(view.reactions.eachEvent().keySet()).isEqualTo(reference.reactions.eachEvent().keySet());
        reference.reactions.eachEvent().forEach((reactor, events) ->
                assertThat(view.reactions.eachEvent().get(reactor)).as("events %s reacted to", reactor).isEqualTo(events));
        assertThat(view.reactions.latestPerJob()).as("the latest event reacted to per job id")
                .containsExactlyEntriesOf(reference.reactions.latestPerJob());
    }

    /** A run reduced to what every mode must agree on. */
    private record View(List<Long> outcome, SortedMap<Address, JsonNode> folds, SortedMap<Address, List<String>> maps,
                        ReactionLog.Snapshot reactions) {
        static View of(ParityRun run) {
            SortedMap<Address, JsonNode> folds = new TreeMap<>();
            run.snapshot().folds().forEach((address, state) -> folds.put(address, withoutRunStamps(state)));
            SortedMap<Address, List<String>> maps = new TreeMap<>();
            for (Map.Entry<Address, List<MapRecord>> entry : run.snapshot().maps().entrySet()) {
                maps.put(entry.getKey(), entry.getValue().stream().map(r -> Json.write(r.data())).sorted().toList());
            }
            var outcome = run.outcome();
            return new View(List.of(outcome.accepted(), outcome.invalid(), outcome.rejected()), folds, maps, run.reactions());
        }

        /** Also canonical: JSON that went through a store or Temporal may hold 1 as an int where the fold wrote a long. */
        private static JsonNode withoutRunStamps(JsonNode state) {
            JsonNode copy = Json.parse(Json.write(state));
            if (copy instanceof ObjectNode object) {
                List<String> stamps = new ArrayList<>();
                for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (name.endsWith("At") || name.equals("lastEventId")) {
                        stamps.add(name);
                    }
                }
                object.remove(stamps);
            }
            return copy;
        }
    }
}
