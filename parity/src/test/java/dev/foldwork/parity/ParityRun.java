package dev.foldwork.parity;

import dev.foldwork.pipelines.sample.ProjectionSnapshot;
import dev.foldwork.pipelines.sample.StreamSender;

/** What a mode made of the stream: how the commands fared, the projections left behind, and the reactor calls made. */
record ParityRun(StreamSender.Outcome outcome, ProjectionSnapshot snapshot, ReactionLog.Snapshot reactions) {}
