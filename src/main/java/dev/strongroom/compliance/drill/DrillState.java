package dev.strongroom.compliance.drill;

import dev.strongroom.jobs.JobState;

/**
 * Where a restore drill is, with the word stored in {@code restore_drill.state} and shown in its JSON. A
 * drill ends with a verdict, so it has its own words where other jobs say succeeded.
 */
public enum DrillState {
    RUNNING("running"),
    /** Every item, and the reconcile dry run when one was asked for, passed. */
    PASSED("passed"),
    /** An item or the reconcile failed, or the drill could not finish (a stop cut it off). */
    FAILED("failed");

    private final String stored;

    DrillState(String stored) {
        this.stored = stored;
    }

    /** The word in the table and the JSON. */
    public String stored() {
        return stored;
    }

    static DrillState ofStored(String word) {
        for (DrillState state : values()) {
            if (state.stored.equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no drill state is stored as '" + word + "'");
    }

    /** The drill state the job runner means: it marks runs interrupted or not started, never succeeded. */
    static DrillState of(JobState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case FAILED, INTERRUPTED -> FAILED;
            case SUCCEEDED -> throw new IllegalArgumentException("a drill ends passed or failed, not succeeded");
        };
    }
}
