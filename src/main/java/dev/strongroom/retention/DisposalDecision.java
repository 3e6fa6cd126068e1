package dev.strongroom.retention;

import dev.strongroom.security.TwoPersonStep.Decision;
import java.time.Instant;

/**
 * A disposal request that was turned down or taken back, as the API shows it. The request is no
 * longer pending; the trail keeps the decision.
 */
public record DisposalDecision(String id, String documentId, String requestedBy, Instant requestedAt, String reason,
        Decision decision, String decidedBy, Instant decidedAt, String decisionReason) {

    static DisposalDecision of(DisposalRequest r, Decision decision, String decidedBy, Instant decidedAt,
            String decisionReason) {
        return new DisposalDecision(r.id, r.documentId, r.requestedBy, r.requestedAt, r.reason, decision, decidedBy,
                decidedAt, decisionReason);
    }
}
