package dev.strongroom.audit.cloudwatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cuts the stream of log events into batches within {@link BatchLimits}. An event's parts may fall
 * into consecutive batches when it is larger than a batch; parts that did not fit wait here for the
 * next batch, so nothing read is ever left behind.
 */
final class BatchBuilder {

    private final BatchLimits limits;
    private final Deque<LogPart> waiting = new ArrayDeque<>();

    BatchBuilder(BatchLimits limits) {
        this.limits = limits;
    }

    /**
     * Fills one batch from what waits and then from {@code source} (which returns the log events of
     * the next journal entry, or null when there is none yet).
     */
    LogBatch next(Supplier<List<LogPart>> source) {
        List<LogPart> parts = new ArrayList<>();
        long bytes = 0;
        LogPart complete = null;
        while (true) {
            if (waiting.isEmpty()) {
                List<LogPart> more = source.get();
                if (more == null) {
                    break;
                }
                waiting.addAll(more);
            }
            LogPart part = waiting.peekFirst();
            long size = part.bytes() + (long) BatchLimits.EVENT_OVERHEAD;
            boolean fits = parts.size() < limits.maxEvents() && bytes + size <= limits.maxBytes()
                    && (parts.isEmpty() || part.stamp() - parts.get(0).stamp() < limits.maxSpan().toMillis());
            if (!fits) {
                break;
            }
            waiting.pollFirst();
            parts.add(part);
            bytes += size;
            if (part.last()) {
                complete = part;
            }
        }
        return new LogBatch(List.copyOf(parts), bytes, complete);
    }

    /** Forgets what waits, when shipping restarts from the checkpoint. */
    void reset() {
        waiting.clear();
    }
}
