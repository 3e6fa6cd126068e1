package dev.strongroom.audit.digest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strongroom.audit.ChainHead;

/**
 * The newest digest written, kept on the volume ({@code audit/digests/last.json}) so the next one can
 * name it; when the file is missing (a restored volume) it is read back from the bucket.
 */
@JsonPropertyOrder({ "key", "sha256", "signature", "lastSeq", "chainHead", "digestEndTime" })
public record LastDigest(String key, String sha256, String signature, long lastSeq, ChainHead chainHead,
        String digestEndTime) {

    AuditDigest.Previous asPrevious() {
        return new AuditDigest.Previous(key, sha256, signature);
    }
}
