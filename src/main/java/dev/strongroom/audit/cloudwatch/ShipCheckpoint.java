package dev.strongroom.audit.cloudwatch;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The last journal event CloudWatch confirmed for one log stream: shipping resumes after it.
 *
 * @param seq the event's sequence number; 0 before the first
 * @param hash its hash (for the log line that reports a resume)
 * @param stamp its log event's timestamp: the stream's events after it are stamped no earlier
 */
@JsonPropertyOrder({ "logGroup", "stream", "seq", "hash", "stamp" })
public record ShipCheckpoint(String logGroup, String stream, long seq, String hash, long stamp) {

    static ShipCheckpoint start(String logGroup, String stream) {
        return new ShipCheckpoint(logGroup, stream, 0, null, 0);
    }

    boolean isFor(String group, String streamName) {
        return logGroup.equals(group) && stream.equals(streamName);
    }

    ShipCheckpoint after(long newSeq, String newHash, long newStamp) {
        return new ShipCheckpoint(logGroup, stream, newSeq, newHash, Math.max(stamp, newStamp));
    }
}
