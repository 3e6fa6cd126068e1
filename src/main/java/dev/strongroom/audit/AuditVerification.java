package dev.strongroom.audit;

import java.util.List;

/**
 * The answer of {@code GET /api/audit/verify} and of the compliance report's chain check: what was
 * verified, when, and everything found, in the journal files and in the index rows against them.
 *
 * @param eventCount events the journal holds up to {@code head}
 * @param scope {@code incremental} (from the signed checkpoint) or {@code full} (from the first event)
 * @param fromSeq the first event read this time; {@code toSeq} the last
 * @param checkpointSeq the event the verification resumed after (0 for a full one), verified at {@code checkpointVerifiedAt}
 * @param note why an incremental verification read everything, if it did
 * @param indexRowsChecked index rows compared with their lines in this range
 * @param findingCount all findings; {@code findings} lists the chain's and at most 200 of the index's
 */
public record AuditVerification(boolean ok, long eventCount, ChainHead head, Long firstBrokenSeq,
        List<ChainVerifier.Finding> findings, int findingCount, List<SealedGap> sealedGaps, String scope,
        long fromSeq, long toSeq, String verifiedAt, long checkpointSeq, String checkpointVerifiedAt, String note,
        long indexRowsChecked) {
}
