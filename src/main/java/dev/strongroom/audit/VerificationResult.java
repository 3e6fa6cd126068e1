package dev.strongroom.audit;

import java.util.List;

/**
 * @param firstBrokenSeq the lowest sequence number with a finding, null when the chain is intact
 * @param sealedGaps ranges lost for good and sealed by a confirmed gap event: no fault, but said
 */
public record VerificationResult(boolean ok, long eventCount, ChainHead head, Long firstBrokenSeq,
        List<ChainVerifier.Finding> findings, List<SealedGap> sealedGaps) {
}
