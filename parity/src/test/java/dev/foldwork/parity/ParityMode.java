package dev.foldwork.parity;

import dev.foldwork.pipelines.sample.SampleStream;

/**
 * One way to run the sample stream end to end: send its commands through the mode's service,
 * wait until every fold, map and reactor is done, and read the projections back. The Temporal
 * and Redis modes each add one implementation to {@link CrossModeParityTest#modes()}.
 */
interface ParityMode {
    ParityRun run(SampleStream stream) throws Exception;
}
