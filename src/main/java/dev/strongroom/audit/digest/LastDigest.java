package dev.strongroom.audit.digest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strongroom.audit.ChainHead;
import java.util.List;

/**
 * The newest digest written, kept on the volume ({@code audit/digests/last.json}) so the next one can
 * name it; when the file is missing (a restored volume) it is read back from the bucket.
 *
 * @param segments the segments it signed, so the next digest can check that their signed bytes are
 *        still there before it signs more of them (null in a record written before they were kept)
 * @param recordedAs the sequence number of the digest's own {@code audit.digest} event: a rolling
 *        digest is due only for events after it (0 when unknown)
 */
@JsonPropertyOrder({ "key", "sha256", "signature", "lastSeq", "chainHead", "digestEndTime", "segments", "recordedAs" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record LastDigest(String key, String sha256, String signature, long lastSeq, ChainHead chainHead,
        String digestEndTime, List<AuditDigest.Segment> segments, long recordedAs) {

    AuditDigest.Previous asPrevious() {
        return new AuditDigest.Previous(key, sha256, signature);
    }

    LastDigest recordedAs(long seq) {
        return new LastDigest(key, sha256, signature, lastSeq, chainHead, digestEndTime, segments, seq);
    }
}
