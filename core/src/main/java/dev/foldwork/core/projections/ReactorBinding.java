package dev.foldwork.core.projections;

/** A reactor and the one fold whose persisted state it reacts to. */
public record ReactorBinding<S>(FoldProjection<S> fold, Reactor<S> reactor) {}
