package dev.strongroom.writeahead;

import dev.strongroom.audit.Outcome;

/** The audit outcome of a change's two events: its intent, then exactly one completion. */
public enum ChangeOutcome {

    /** Journaled (fsync) before the catalog changes; everything needed to finish the change. */
    INTENT(Outcome.INTENT),
    /** The catalog change committed and its effect is done. The only completion a client is answered 2xx after. */
    SUCCESS(Outcome.SUCCESS),
    /** Refused as it came to commit: a change that committed first made it impossible (the 409 names why). */
    REJECTED(Outcome.REJECTED),
    /** The catalog could not take the change (an outage or a fault): nothing changed. */
    FAILED(Outcome.FAILURE),
    /** Found unfinished at start and not committed: nothing changed, and the client never had an answer. */
    ROLLED_BACK(Outcome.ROLLED_BACK);

    public final Outcome outcome;

    ChangeOutcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
