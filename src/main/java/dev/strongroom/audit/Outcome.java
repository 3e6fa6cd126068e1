package dev.strongroom.audit;

/** How an audited action ended; {@link #value()} is what the journal and the index store. */
public enum Outcome {

    SUCCESS("success"),
    /** Refused for who asked: not signed in, not allowed, not the owner. */
    DENIED("denied"),
    /** Tried and failed: a fault, damaged bytes, an unreachable dependency. */
    FAILURE("failure"),
    /** Refused for what was asked: invalid, in conflict, not configured. */
    REJECTED("rejected"),
    /** A change's write-ahead intent, journaled before the catalog changes. */
    INTENT("intent"),
    /** A change found unfinished at start and not committed. */
    ROLLED_BACK("rolled-back");

    private final String value;

    Outcome(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** True when a stored outcome is this one. */
    public boolean is(String stored) {
        return value.equals(stored);
    }
}
