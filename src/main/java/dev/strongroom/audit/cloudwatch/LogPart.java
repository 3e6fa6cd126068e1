package dev.strongroom.audit.cloudwatch;

import java.time.Instant;

/**
 * One CloudWatch log event the shipper sends: normally a whole journal line ({@code parts == 1}),
 * or one part of an oversized line ({@link EventParts}).
 *
 * @param stamp the log event's timestamp in epoch milliseconds ({@link Stamps})
 * @param bytes the message's size in UTF-8, without CloudWatch's per-event overhead
 * @param hash the journal event's hash, the same on every part
 * @param time the journal event's own time
 */
public record LogPart(long seq, int part, int parts, long stamp, String message, int bytes, String hash, Instant time) {

    /** Whether this completes its journal event (the only part, or the last one). */
    boolean last() {
        return part == parts;
    }
}
