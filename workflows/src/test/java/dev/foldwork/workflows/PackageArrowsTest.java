package dev.foldwork.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's packages point one way: {@code worker} -> {@code client}, {@code fold} -> the
 * contract; and {@code fold}, which Temporal replays, reaches no I/O, thread, clock or randomness
 * (it gets time and effects from {@code Workflow} and activities). Read from the sources, so a new
 * import that breaks a rule fails here before a replay does.
 */
class PackageArrowsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/foldwork/workflows");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);

    private static final List<String> NOT_IN_FOLD = List.of(
            "dev.foldwork.workflows.client", "dev.foldwork.workflows.worker",
            "io.temporal.client", "io.temporal.worker", "io.temporal.serviceclient", "io.temporal.testing",
            "java.io", "java.nio", "java.net", "java.util.concurrent", "java.util.Random", "java.util.UUID",
            "java.time.Clock", "java.time.Instant", "java.security", "org.slf4j.LoggerFactory",
            "dev.foldwork.core.stores.EventStore", "dev.foldwork.core.stores.FoldStore",
            "dev.foldwork.core.stores.AppendStore", "dev.foldwork.core.dispatch");
    private static final List<String> NOT_IN_FOLD_CODE = List.of(
            "System.currentTimeMillis", "System.nanoTime", "Instant.now", "Math.random", "new Thread", "Thread.sleep",
            "ActivitiesImpl");

    @Test
    void theContractImportsNoneOfItsUsers() throws IOException {
        assertThat(importsOf(MAIN, false)).noneMatch(i -> i.startsWith("dev.foldwork.workflows.fold")
                || i.startsWith("dev.foldwork.workflows.worker") || i.startsWith("dev.foldwork.workflows.client"));
    }

    @Test
    void theClientKnowsOnlyTheContract() throws IOException {
        assertThat(importsOf(MAIN.resolve("client"), true)).noneMatch(i -> i.startsWith("dev.foldwork.workflows.fold")
                || i.startsWith("dev.foldwork.workflows.worker") || i.startsWith("io.temporal.worker"));
    }

    @Test
    void theWorkflowCodeStaysDeterministic() throws IOException {
        assertThat(importsOf(MAIN.resolve("fold"), true)).noneMatch(i -> NOT_IN_FOLD.stream().anyMatch(i::startsWith));
        for (Path source : sources(MAIN.resolve("fold"), true)) {
            String code = Files.readString(source);
            assertThat(NOT_IN_FOLD_CODE).as(source.toString()).noneMatch(code::contains);
        }
    }

    private static List<String> importsOf(Path dir, boolean deep) throws IOException {
        List<String> imports = new ArrayList<>();
        for (Path source : sources(dir, deep)) {
            Matcher m = IMPORT.matcher(Files.readString(source));
            while (m.find()) {
                imports.add(m.group(1));
            }
        }
        assertThat(imports).as("imports under " + dir).isNotEmpty();
        return imports;
    }

    private static List<Path> sources(Path dir, boolean deep) throws IOException {
        try (Stream<Path> files = deep ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
