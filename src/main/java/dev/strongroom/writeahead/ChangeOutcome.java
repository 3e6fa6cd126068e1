package dev.strongroom.writeahead;

import dev.strongroom.audit.Auditor;

/** The audit outcome of a change's two events: its intent, then exactly one completion. */
public enum ChangeOutcome {

    /** Journaled (fsync) before the catalog changes; everything needed to finish the change. */
    INTENT("intent"),
    /** The catalog change committed and its effect is done. The only completion a client is answered 2xx after. */
    SUCCESS(Auditor.SUCCESS),
    /** Refused as it came to commit: a change that committed first made it impossible (the 409 names why). */
    REJECTED(Auditor.REJECTED),
    /** The catalog could not take the change (an outage or a fault): nothing changed. */
    FAILED(Auditor.FAILURE),
    /** Found unfinished at start and not committed: nothing changed, and the client never had an answer. */
    ROLLED_BACK("rolled-back");

    public final String outcome;

    ChangeOutcome(String outcome) {
        this.outcome = outcome;
    }
}
