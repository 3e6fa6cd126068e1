package dev.strongroom.security;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The two-person rule for what one admin requests and another decides (a disposal, a role change that
 * grants admin): a different admin approves or rejects; only the requester withdraws.
 */
public enum TwoPersonStep {

    APPROVE, REJECT, WITHDRAW;

    /** How a request ended without being carried out. */
    public enum Decision {
        /** A second admin turned it down. */
        REJECTED,
        /** The requesting admin took it back. */
        WITHDRAWN
    }

    /**
     * The 403 problem when {@code admin} may not take this step on a request {@code requestedBy} made,
     * or null when they may.
     *
     * @param thing what was requested, as in "this disposal"
     */
    public ProblemException refusal(String requestedBy, String admin, String thing) {
        boolean own = requestedBy.equals(admin);
        return switch (this) {
            case APPROVE -> own ? new ProblemException(403, ProblemType.SECOND_ADMIN_REQUIRED, "A second admin must approve",
                    "This " + thing + " needs two different admins; " + admin
                            + " requested it and cannot also approve it", Map.of(), Map.of()) : null;
            case REJECT -> own ? new ProblemException(403, ProblemType.SECOND_ADMIN_REQUIRED, "A second admin must decide",
                    admin + " requested this " + thing + " and cannot also reject it; withdraw it instead", Map.of(),
                    Map.of()) : null;
            case WITHDRAW -> own ? null : new ProblemException(403, ProblemType.REQUESTER_ONLY, "Only the requester may withdraw",
                    "Only " + requestedBy + ", who requested this " + thing + ", can withdraw it; another admin "
                            + "rejects it instead", Map.of(), Map.of());
        };
    }

    /**
     * Throws {@link #refusal} when {@code admin} may not take this step, after {@code auditDenied} has
     * recorded it with {@link #refusalReason}.
     */
    public void require(String requestedBy, String admin, String thing, Consumer<String> auditDenied) {
        ProblemException refusal = refusal(requestedBy, admin, thing);
        if (refusal != null) {
            auditDenied.accept(refusalReason());
            throw refusal;
        }
    }

    /** Why the audit trail records a refusal of this step. */
    public String refusalReason() {
        return this == WITHDRAW ? "not the requester" : "same admin as requester";
    }

    /** What rejecting or withdrawing makes of the request. */
    public Decision decision() {
        if (this == APPROVE) {
            throw new IllegalStateException("an approval carries the request out");
        }
        return this == REJECT ? Decision.REJECTED : Decision.WITHDRAWN;
    }
}
