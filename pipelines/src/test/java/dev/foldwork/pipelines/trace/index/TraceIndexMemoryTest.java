package dev.foldwork.pipelines.trace.index;

/** The trace index contract on the memory store's index. */
class TraceIndexMemoryTest extends TraceIndexContract {
    private final MemoryTraceIndex index = new MemoryTraceIndex();

    @Override
    TraceIndex index() {
        return index;
    }

    @Override
    TraceIndex otherWriter() {
        return index;
    }
}
