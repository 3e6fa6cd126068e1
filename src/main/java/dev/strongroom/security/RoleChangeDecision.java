package dev.strongroom.security;

import dev.strongroom.security.TwoPersonStep.Decision;
import java.time.Instant;
import java.util.Set;

/** A waiting role change that was turned down or taken back; the trail keeps the decision. */
public record RoleChangeDecision(String id, String username, Set<String> roles, String requestedBy,
        Instant requestedAt, Decision decision, String decidedBy, Instant decidedAt, String decisionReason) {

    static RoleChangeDecision of(RoleChangeRequest r, Decision decision, String decidedBy, Instant decidedAt,
            String decisionReason) {
        return new RoleChangeDecision(r.id, r.username, VaultUser.splitRoles(r.roles), r.requestedBy, r.requestedAt,
                decision, decidedBy, decidedAt, decisionReason);
    }
}
