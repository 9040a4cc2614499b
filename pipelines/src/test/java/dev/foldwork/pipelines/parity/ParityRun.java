package dev.foldwork.pipelines.parity;

import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.StreamSender;

/** What a mode made of the stream: how the commands fared, and the projections left behind. */
record ParityRun(StreamSender.Outcome outcome, ProjectionSnapshot snapshot) {}
