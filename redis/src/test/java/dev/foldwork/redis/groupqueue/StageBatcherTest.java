package dev.foldwork.redis.groupqueue;

import static dev.foldwork.redis.groupqueue.QueueFixture.FAST;
import static dev.foldwork.redis.groupqueue.QueueFixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Group commit for staging against the real local Redis: the byte budget of one stage call. */
class StageBatcherTest {
    private static final int BODY_BYTES = 1000;
    private static final long BUDGET = 4096;

    @Test
    void submissionsOverTheByteBudgetAreStagedInSeveralCallsEachWithinItAndInOrder() throws Exception {
        GroupQueueOptions options = FAST.withMaxBodyBytes(BODY_BYTES).withMaxStageBytes(BUDGET);
        try (QueueFixture f = new QueueFixture("stage-bytes", options)) {
            // 30 submissions of 2 jobs (2,000 bytes each): one call holds at most 2 of them
            List<CompletableFuture<Void>> submitted = new ArrayList<>();
            try (StageBatcher batcher = new StageBatcher(f.queue)) {
                for (int s = 0; s < 30; s++) {
                    submitted.add(batcher.submit(List.of(job("g", body(2 * s)), job("g", body(2 * s + 1)))));
                }
                CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            }

            DistributionSummary calls = f.meters.get("foldwork.groupqueue.stage_call_bytes").summary();
            assertThat(calls.totalAmount()).as("bytes staged").isEqualTo(60 * BODY_BYTES);
            assertThat(calls.max()).as("bytes of the largest call").isLessThanOrEqualTo(BUDGET);
            assertThat(calls.count()).as("stage calls: at least 60,000 / 4,096 bytes, at most one per submission").isBetween(15L, 30L);

            List<String> expected = IntStream.range(0, 60).mapToObj(StageBatcherTest::body).toList();
            assertThat(f.queue.claim(1).groups()).singleElement()
                    .satisfies(g -> assertThat(g.jobs()).extracting(ClaimedJob::body).as("every job, in submission order").isEqualTo(expected));
        }
    }

    /** {@code n} as a body of exactly {@link #BODY_BYTES} bytes. */
    private static String body(int n) {
        String number = String.format("%04d", n);
        return number + "x".repeat(BODY_BYTES - number.length());
    }
}
