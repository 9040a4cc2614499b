package dev.foldwork.pipelines.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.domain.Command;
import dev.foldwork.pipelines.evaluation.EvaluationPipeline;
import dev.foldwork.pipelines.experimentrun.ExperimentRunPipeline;
import dev.foldwork.pipelines.simulation.SimulationPipeline;
import dev.foldwork.pipelines.trace.RecordSpansCommand;
import dev.foldwork.pipelines.trace.TracePipeline;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleStreamTest {
    private static final SampleStream STREAM = SampleStream.standard();

    @Test
    void theSameSeedGivesTheSameStream() {
        assertThat(SampleStream.generate(SampleStream.DEFAULT_SEED, SampleStream.DEFAULT_SIZE).commands())
                .isEqualTo(STREAM.commands());
        assertThat(SampleStream.generate(1, 500).commands()).isNotEqualTo(SampleStream.generate(2, 500).commands());
    }

    @Test
    void mixesAtLeastTenThousandCommandsOverEveryPipelineAndSeveralTenants() {
        assertThat(STREAM.size()).isGreaterThanOrEqualTo(10_000);
        Map<String, Long> byPipeline = STREAM.commands().stream()
                .collect(Collectors.groupingBy(c -> c.command().pipeline(), Collectors.counting()));
        assertThat(byPipeline).containsOnlyKeys(TracePipeline.NAME, EvaluationPipeline.NAME,
                ExperimentRunPipeline.NAME, SimulationPipeline.NAME);
        byPipeline.values().forEach(count -> assertThat(count).isGreaterThan(300));
        assertThat(STREAM.commands().stream().map(c -> c.command().tenantId()).distinct()).hasSize(4);
    }

    /** A span as the stream sends it: alone ({@code record_span}) or in an OTLP-shaped batch ({@code record_spans}). */
    private record SentSpan(String spanId, long endTimeMs) {}

    private static List<SentSpan> spansOf(Command command) {
        if (command.type().equals(RecordSpansCommand.TYPE)) {
            List<SentSpan> spans = new java.util.ArrayList<>();
            command.payload().path("spans").forEach(s -> spans.add(
                    new SentSpan(s.path("spanId").asText(), s.path("endTimeUnixNano").asLong() / 1_000_000)));
            return spans;
        }
        return List.of(new SentSpan(command.payload().path("spanId").asText(), command.payload().path("endTimeMs").asLong()));
    }

    @Test
    void sendsSomeSpansOutOfOrderAndSomeTwice() {
        Map<String, List<SentSpan>> byTrace = new LinkedHashMap<>();
        STREAM.commands().stream().filter(c -> c.command().pipeline().equals(TracePipeline.NAME))
                .forEach(c -> byTrace.computeIfAbsent(c.aggregateId(), k -> new java.util.ArrayList<>()).addAll(spansOf(c.command())));

        long outOfOrder = byTrace.values().stream().filter(spans -> {
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i).endTimeMs() < spans.get(i - 1).endTimeMs()) {
                    return true;
                }
            }
            return false;
        }).count();
        long withDuplicates = byTrace.values().stream().filter(spans -> {
            Set<String> seen = new HashSet<>();
            return spans.stream().anyMatch(span -> !seen.add(span.spanId()));
        }).count();
        assertThat(outOfOrder).isGreaterThan(50);
        assertThat(withDuplicates).isGreaterThan(50);
    }

    @Test
    void mostTracesComeOtlpShapedWithModelsTokensUsersAndFirstTokens() {
        List<Command> traces = STREAM.commands().stream().map(SampleCommand::command)
                .filter(c -> c.pipeline().equals(TracePipeline.NAME)).toList();
        Set<String> otlp = new HashSet<>();
        Set<String> all = new HashSet<>();
        traces.forEach(c -> {
            all.add(c.payload().path("traceId").asText());
            if (c.type().equals(RecordSpansCommand.TYPE)) {
                otlp.add(c.payload().path("traceId").asText());
            }
        });
        assertThat(otlp.size()).isGreaterThan(all.size() / 2);
        String spans = traces.stream().filter(c -> c.type().equals(RecordSpansCommand.TYPE))
                .map(c -> c.payload().toString()).collect(Collectors.joining());
        assertThat(spans).contains("\"gen_ai.request.model\"", "\"gen_ai.usage.input_tokens\"", "\"langwatch.user.id\"",
                "\"first_token\"");
    }

    @Test
    void interleavesAggregates() {
        List<String> firstHundred = STREAM.commands().subList(0, 100).stream().map(SampleCommand::orderingKey).toList();
        assertThat(new HashSet<>(firstHundred)).hasSizeGreaterThan(30);
    }
}
