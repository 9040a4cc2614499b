package dev.foldwork.parity;

import dev.foldwork.core.domain.Event;
import dev.foldwork.core.pipeline.Pipeline;
import dev.foldwork.core.pipeline.PipelineRegistry;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorBinding;
import dev.foldwork.core.projections.ReactorContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parity pipelines with every reactor call written to a {@link ReactionLog}: each reactor
 * wrapped (same name, job id, delay and placement), and on every fold two recorders more, so each
 * kind of reactor is covered: {@code every_event} without a job id and {@code latest_event} with
 * one per stream and no delay (coalesced per batch only).
 */
final class RecordingReactors {
    private RecordingReactors() {}

    static PipelineRegistry registry(PipelineRegistry registry, ReactionLog log) {
        List<Pipeline> pipelines = registry.pipelines().stream().map(pipeline -> recording(pipeline, log)).toList();
        return PipelineRegistry.of(pipelines, recording(registry.globalProjections(), log));
    }

    private static Pipeline recording(Pipeline pipeline, ReactionLog log) {
        Pipeline.Builder builder = pipeline.isGlobal() ? Pipeline.globalProjections()
                : Pipeline.named(pipeline.name()).aggregateType(pipeline.aggregateType().value());
        for (String type : pipeline.commandTypes()) {
            builder.command(type, pipeline.command(type).orElseThrow());
        }
        pipeline.folds().forEach(builder::fold);
        for (MapProjection<?> map : pipeline.maps()) {
            builder.map(map);
        }
        for (ReactorBinding<?> binding : pipeline.reactors()) {
            bind(builder, binding, log);
        }
        for (FoldProjection<?> fold : pipeline.folds()) {
            recorders(builder, fold, log);
        }
        return builder.build();
    }

    private static <S> void recorders(Pipeline.Builder builder, FoldProjection<S> fold, ReactionLog log) {
        builder.reactor(fold, new Recorder<>(fold.name(), new EveryEvent<S>(), log));
        builder.reactor(fold, new Recorder<>(fold.name(), new LatestEvent<S>(), log));
    }

    private static <S> void bind(Pipeline.Builder builder, ReactorBinding<S> binding, ReactionLog log) {
        builder.reactor(binding.fold(), new Recorder<>(binding.fold().name(), binding.reactor(), log));
    }

    /** A reactor that records each call it completes. */
    private record Recorder<S>(String fold, Reactor<S> reactor, ReactionLog log) implements Reactor<S> {
        @Override
        public String name() {
            return reactor.name();
        }

        @Override
        public void react(Event event, ReactorContext<S> context) throws Exception {
            reactor.react(event, context);
            log.record(fold, reactor.name(), reactor.jobId(event, context.state()), event);
        }

        @Override
        public Optional<String> jobId(Event event, S state) {
            return reactor.jobId(event, state);
        }

        @Override
        public Duration delay() {
            return reactor.delay();
        }

        @Override
        public boolean inline() {
            return reactor.inline();
        }
    }

    private static final class EveryEvent<S> implements Reactor<S> {
        @Override
        public String name() {
            return "every_event";
        }

        @Override
        public void react(Event event, ReactorContext<S> context) {}

        @Override
        public boolean inline() {
            return true;
        }
    }

    private static final class LatestEvent<S> implements Reactor<S> {
        @Override
        public String name() {
            return "latest_event";
        }

        @Override
        public void react(Event event, ReactorContext<S> context) {}

        @Override
        public Optional<String> jobId(Event event, S state) {
            return Optional.of(event.aggregateType().value() + "-" + event.aggregateId());
        }

        @Override
        public boolean inline() {
            return true;
        }
    }
}
