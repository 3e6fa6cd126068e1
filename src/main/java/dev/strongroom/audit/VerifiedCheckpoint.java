package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The newest point up to which the journal was verified, kept on the volume and signed by the vault's
 * key ({@code audit/verified.json} and {@code .sig}), so the next verification, at start above all,
 * reads only what follows it.
 *
 * @param segment the segment holding event {@code seq}
 * @param offset the byte offset just past that event's line
 * @param segmentsBefore SHA-256 over {@code name:size} of every segment before {@code segment}: a
 *        segment removed, added or resized there since is noticed without reading it
 * @param events how many events the journal holds from its first up to {@code seq}
 * @param scope {@code full} when the verification that made it read the journal from its first event
 */
@JsonPropertyOrder({ "seq", "hash", "events", "segment", "offset", "segmentsBefore", "verifiedAt", "scope" })
public record VerifiedCheckpoint(long seq, String hash, long events, String segment, long offset,
        String segmentsBefore, String verifiedAt, String scope) {
}
