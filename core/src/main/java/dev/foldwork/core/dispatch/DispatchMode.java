package dev.foldwork.core.dispatch;

/**
 * How a setup's events reach its projections: memory, Redis or Temporal. A mode starts its
 * dispatcher (and, where writes span processes, its stream writer) over the parts
 * {@link dev.foldwork.core.Foldwork.Builder} wired; {@code D} is its dispatcher's type, so callers
 * reach mode-specific operations (waiting for idle, parked groups) without a cast.
 */
public interface DispatchMode<D extends EventDispatcher> {
    Dispatching<D> start(DispatchContext context);
}
