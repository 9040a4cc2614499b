package dev.foldwork.core.pipeline;

import dev.foldwork.core.commands.CommandHandler;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.projections.FoldProjection;
import dev.foldwork.core.projections.GlobalFoldProjection;
import dev.foldwork.core.projections.MapProjection;
import dev.foldwork.core.projections.Reactor;
import dev.foldwork.core.projections.ReactorBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline definition: one aggregate type, the commands that produce its events, and the
 * projections and reactors its events drive. Pure data: it holds no store, queue or client;
 * the runtime binds those when the pipeline is registered.
 */
public final class Pipeline {
    /** The virtual pipeline whose folds see the events of every pipeline. */
    public static final String GLOBAL_PROJECTIONS = "global_projections";

    private final String name;
    private final AggregateType aggregateType;
    private final Map<String, CommandHandler> commands;
    private final List<FoldProjection<?>> folds;
    private final List<MapProjection<?>> maps;
    private final List<ReactorBinding<?>> reactors;

    private Pipeline(Builder builder) {
        this.name = builder.name;
        this.aggregateType = builder.aggregateType;
        this.commands = Map.copyOf(builder.commands);
        this.folds = List.copyOf(builder.folds);
        this.maps = List.copyOf(builder.maps);
        this.reactors = List.copyOf(builder.reactors);
    }

    /** Starts the definition of a domain pipeline; its aggregate type is named like it. */
    public static Builder named(String name) {
        return new Builder(Ids.name("pipeline name", name), false);
    }

    /** Starts the definition of the virtual {@value #GLOBAL_PROJECTIONS} pipeline. */
    public static Builder globalProjections() {
        return new Builder(GLOBAL_PROJECTIONS, true);
    }

    public String name() {
        return name;
    }

    public AggregateType aggregateType() {
        return aggregateType;
    }

    public boolean isGlobal() {
        return name.equals(GLOBAL_PROJECTIONS);
    }

    public Optional<CommandHandler> command(String type) {
        return Optional.ofNullable(commands.get(type));
    }

    public List<String> commandTypes() {
        return commands.keySet().stream().sorted().toList();
    }

    public List<FoldProjection<?>> folds() {
        return folds;
    }

    public List<MapProjection<?>> maps() {
        return maps;
    }

    public List<ReactorBinding<?>> reactors() {
        return reactors;
    }

    @Override
    public String toString() {
        return "Pipeline[" + name + "]";
    }

    public static final class Builder {
        private final String name;
        private final boolean global;
        private AggregateType aggregateType;
        private final Map<String, CommandHandler> commands = new LinkedHashMap<>();
        private final List<FoldProjection<?>> folds = new ArrayList<>();
        private final List<MapProjection<?>> maps = new ArrayList<>();
        private final List<ReactorBinding<?>> reactors = new ArrayList<>();

        private Builder(String name, boolean global) {
            this.name = name;
            this.global = global;
            this.aggregateType = AggregateType.of(name);
        }

        public Builder aggregateType(String type) {
            this.aggregateType = AggregateType.of(type);
            return this;
        }

        public Builder command(String type, CommandHandler handler) {
            requireDomain("commands");
            Ids.name("command type", type);
            if (commands.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException(name + " already has a command " + type);
            }
            return this;
        }

        public Builder fold(FoldProjection<?> fold) {
            if (global && !(fold instanceof GlobalFoldProjection<?>)) {
                throw new IllegalArgumentException(fold.name() + " must be a GlobalFoldProjection to be global");
            }
            Ids.name("fold name", fold.name());
            folds.add(fold);
            return this;
        }

        public Builder map(MapProjection<?> map) {
            requireDomain("map projections");
            Ids.name("map name", map.name());
            maps.add(map);
            return this;
        }

        /** Binds a reactor to a fold of this pipeline; it runs after that fold's state is persisted. */
        public <S> Builder reactor(FoldProjection<S> fold, Reactor<S> reactor) {
            if (!folds.contains(fold)) {
                throw new IllegalArgumentException("reactor " + reactor.name() + " is bound to fold " + fold.name()
                        + ", which pipeline " + name + " does not have; add the fold first");
            }
            Ids.name("reactor name", reactor.name());
            boolean taken = reactors.stream().anyMatch(r -> r.fold() == fold && r.reactor().name().equals(reactor.name()));
            if (taken) {
                throw new IllegalArgumentException("fold " + fold.name() + " already has a reactor " + reactor.name());
            }
            reactors.add(new ReactorBinding<>(fold, reactor));
            return this;
        }

        /** A pipeline with maps and no folds gets a {@link MapPositionFold}, so lost deliveries are found. */
        public Pipeline build() {
            if (!global && folds.isEmpty() && !maps.isEmpty()) {
                fold(MapPositionFold.of(name));
            }
            return new Pipeline(this);
        }

        private void requireDomain(String what) {
            if (global) {
                throw new IllegalArgumentException(GLOBAL_PROJECTIONS + " holds only folds and their reactors, not " + what);
            }
        }
    }
}
