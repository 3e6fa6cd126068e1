package dev.strongroom.audit.cloudwatch;

import java.util.List;

/**
 * One PutLogEvents request's worth of log events, in sequence order with non-decreasing timestamps.
 *
 * @param bytes the batch size as PutLogEvents counts it (messages plus 26 bytes per event)
 * @param complete the newest journal event whose every part is in this batch, or null when the
 *        batch holds only the leading parts of one event too large for a single batch
 */
public record LogBatch(List<LogPart> parts, long bytes, LogPart complete) {

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public long firstStamp() {
        return parts.get(0).stamp();
    }

    public long lastStamp() {
        return parts.get(parts.size() - 1).stamp();
    }
}
