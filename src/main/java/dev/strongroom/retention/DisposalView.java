package dev.strongroom.retention;

import java.time.Instant;

/** A pending disposal as the API shows it. */
public record DisposalView(String id, String documentId, String requestedBy, Instant requestedAt, String reason) {

    static DisposalView of(DisposalRequest r) {
        return new DisposalView(r.id, r.documentId, r.requestedBy, r.requestedAt, r.reason);
    }
}
