package dev.foldwork.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import dev.foldwork.pipelines.evaluation.EvaluationRun;
import dev.foldwork.pipelines.experimentrun.ExperimentRunState;
import dev.foldwork.pipelines.global.BillingMeter;
import dev.foldwork.pipelines.global.SdkUsage;
import dev.foldwork.pipelines.simulation.SimulationRunState;
import dev.foldwork.pipelines.trace.TraceSummary;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The folds change states by name ({@code withX}, {@link TraceSummary.Builder}), so each of those
 * must set its own field and no other. Every field gets a value no other field holds, so a copy
 * that passed a value one position off, or swapped two fields of the same type, shows here.
 */
class StateCopiesTest {
    static Stream<Class<? extends Record>> states() {
        return Stream.of(EvaluationRun.class, ExperimentRunState.class, SimulationRunState.class, SdkUsage.class,
                BillingMeter.class);
    }

    @Test
    void timesOfTheSameTypeStayApart() {
        EvaluationRun run = EvaluationRun.unscheduled().withScheduledAt(1).withStartedAt(2).withFinishedAt(3);
        assertThat(List.of(run.scheduledAt(), run.startedAt(), run.finishedAt())).containsExactly(1L, 2L, 3L);
        ExperimentRunState stopped = ExperimentRunState.notStarted().withStartedAt(1).withStoppedAt(2);
        assertThat(List.of(stopped.startedAt(), stopped.finishedAt(), stopped.stoppedAt())).containsExactly(1L, 0L, 2L);
    }

    @ParameterizedTest
    @MethodSource("states")
    void eachWithChangesItsOwnFieldOnly(Class<? extends Record> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object base = instance(type, 1);
        for (int i = 0; i < components.length; i++) {
            RecordComponent changed = components[i];
            Object value = value(changed.getGenericType(), 1 + i * 2 + 101);
            String with = "with" + Character.toUpperCase(changed.getName().charAt(0)) + changed.getName().substring(1);
            Object copy = type.getMethod(with, changed.getType()).invoke(base, value);
            for (RecordComponent c : components) {
                Object expected = c == changed ? value : c.getAccessor().invoke(base);
                assertThat(c.getAccessor().invoke(copy)).as(type.getSimpleName() + "." + with + " sets " + c.getName())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void theSummaryBuilderSetsEachFieldByItsName() throws Exception {
        TraceSummary.Builder builder = new TraceSummary.Builder();
        Map<String, Object> values = new TreeMap<>();
        RecordComponent[] components = TraceSummary.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Object value = value(components[i].getGenericType(), 1 + i * 2);
            values.put(components[i].getName(), value);
            TraceSummary.Builder.class.getMethod(components[i].getName(), components[i].getType()).invoke(builder, value);
        }
        TraceSummary built = builder.build();
        for (RecordComponent c : components) {
            assertThat(c.getAccessor().invoke(built)).as(c.getName()).isEqualTo(values.get(c.getName()));
        }
        assertThat(new TraceSummary.Builder().build()).isEqualTo(TraceSummary.empty());
    }

    /** The copies are methods, not properties: a stored state's JSON holds its fields and nothing else. */
    @ParameterizedTest
    @MethodSource("statesAndSummary")
    void theJsonOfAStateHoldsItsFieldsOnly(Class<? extends Record> type) throws Exception {
        JsonNode json = Json.toNode(instance(type, 1));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder(Stream.of(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new));
        assertThat(Json.fromNode(json, type)).isEqualTo(instance(type, 1));
    }

    static Stream<Class<? extends Record>> statesAndSummary() {
        return Stream.concat(states(), Stream.of(TraceSummary.class));
    }

    /** A record whose every field holds a value of its own, derived from {@code seed} and the field's position. */
    private static Object instance(Class<?> type, int seed) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = value(components[i].getGenericType(), seed + i * 2);
            types[i] = components[i].getType();
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    /** A value of {@code type} for {@code seed}; seeds of different parity give different booleans. */
    private static Object value(Type type, int seed) throws Exception {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return List.of(value(args[0], seed));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return new TreeSet<>(Set.of(value(args[0], seed)));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new TreeMap<>(Map.of(value(args[0], seed), value(args[1], seed)));
            }
            throw new IllegalArgumentException("no test value for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "v" + seed;
        } else if (c == long.class || c == Long.class) {
            return (long) seed;
        } else if (c == int.class || c == Integer.class) {
            return seed;
        } else if (c == double.class || c == Double.class) {
            return seed + 0.5;
        } else if (c == boolean.class || c == Boolean.class) {
            return seed % 2 == 0;
        } else if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[seed % constants.length];
        } else if (c.isRecord()) {
            return instance(c, seed);
        }
        throw new IllegalArgumentException("no test value for " + c);
    }
}
