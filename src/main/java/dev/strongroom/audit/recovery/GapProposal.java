package dev.strongroom.audit.recovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A gap proposed by one person, waiting for the other role to confirm it: events {@code lostFrom}
 * to {@code lostTo} are lost for good, and the journal ends at {@code headSeq} with {@code headHash}
 * (a confirmation for another head is refused). Kept in {@code audit/recovery/gap-proposal.json}.
 *
 * @param proposerRole {@code admin} or {@code auditor}: the confirmer must hold the other one
 */
@JsonPropertyOrder({ "id", "lostFrom", "lostTo", "headSeq", "headHash", "reason", "proposedBy", "proposerRole",
        "proposedAt", "anchors" })
public record GapProposal(String id, long lostFrom, long lostTo, long headSeq, String headHash, String reason,
        String proposedBy, String proposerRole, String proposedAt, String anchors) {
}
