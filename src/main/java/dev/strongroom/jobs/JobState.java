package dev.strongroom.jobs;

/**
 * Where a job is in its life, with the word stored in the capability's table and shown in its JSON.
 * An interrupted run is stored as failed (its error says why): that is what stored rows and clients
 * have always read.
 */
public enum JobState {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    INTERRUPTED("failed");

    private final String stored;

    JobState(String stored) {
        this.stored = stored;
    }

    /** The word in the table and the JSON. */
    public String stored() {
        return stored;
    }

    /**
     * The state a stored word names. FAILED is declared before INTERRUPTED, so "failed" reads as failed
     * whichever of the two wrote it.
     */
    public static JobState ofStored(String word) {
        for (JobState state : values()) {
            if (state.stored.equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no job state is stored as '" + word + "'");
    }
}
