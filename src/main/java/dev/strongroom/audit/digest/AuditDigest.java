package dev.strongroom.audit.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strongroom.audit.ChainHead;
import java.util.List;

/**
 * A signed statement of what the journal held, in the style of CloudTrail log file validation
 * (docs/audit-digests.md). Each digest covers the events after the previous digest's last one up to
 * its cut, names the journal segments holding them with their SHA-256, and carries the previous
 * digest's signature, so digests form a chain that nobody can shorten, reorder or replace without
 * the vault's key. The signature (Ed25519, {@code <key>.sig}) is over the digest file's exact bytes.
 *
 * @param reason {@code hourly} (cut at the top of the hour: the segments of past hours) or
 *        {@code shutdown} (cut at the newest durable event)
 * @param firstSeq the first event this digest newly covers; {@code lastSeq + 1} when there is none
 * @param chainHead the newest event covered: {@code lastSeq} and its hash
 * @param previousDigest null only for the first digest of the instance
 */
@JsonPropertyOrder({ "strongroomAuditDigest", "instance", "reason", "digestStartTime", "digestEndTime", "firstSeq",
        "lastSeq", "chainHead", "segments", "previousDigest", "signingKey" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditDigest(int strongroomAuditDigest, String instance, String reason, String digestStartTime,
        String digestEndTime, long firstSeq, long lastSeq, ChainHead chainHead, List<Segment> segments,
        Previous previousDigest, SigningKey signingKey) {

    public static final int VERSION = 1;

    /**
     * One journal segment from its start up to the digest's cut.
     *
     * @param key the segment's key in the backup bucket ({@code journal/<name>})
     * @param sha256 of the segment's bytes from its first line through the line of {@code lastSeq}, line ends included
     */
    @JsonPropertyOrder({ "name", "key", "firstSeq", "lastSeq", "bytes", "sha256", "firstHash", "lastHash",
            "oldestEventTime", "newestEventTime" })
    public record Segment(String name, String key, long firstSeq, long lastSeq, long bytes, String sha256,
            String firstHash, String lastHash, String oldestEventTime, String newestEventTime) {
    }

    /** The digest before this one: its key, the SHA-256 of its file and its signature (base64). */
    @JsonPropertyOrder({ "key", "sha256", "signature" })
    public record Previous(String key, String sha256, String signature) {
    }

    /**
     * Which key signed: the algorithm and the key id, the SHA-256 of the public key (X.509 DER), by which
     * verifiers find it in the vault's key history (/.well-known/strongroom-keys.json).
     */
    @JsonPropertyOrder({ "algorithm", "publicKeySha256" })
    public record SigningKey(String algorithm, String publicKeySha256) {
    }
}
