package dev.strongroom.jobs;

import java.time.Instant;

/**
 * A kind's runs, kept in its capability's own table. The runner calls it at start and when a run it
 * accepted could not be given a thread; everything else about a run is the capability's.
 */
public interface JobStore {

    JobKind kind();

    /**
     * Marks as interrupted at {@code at} the runs still recorded as running on this host, and those recorded
     * without a host (made before hosts were recorded, when a vault had one); returns how many. Runs of the
     * other hosts sharing the catalog are theirs to mark.
     */
    int markInterrupted(String hostId, Instant at);

    /** Marks a run that was recorded but never got a thread (the vault began to stop) as failed. */
    void markNotStarted(String id, Instant at);

    /** After {@link #markInterrupted}: removes what the interrupted runs left behind (work folders). */
    default void clearLeftovers(int interrupted) {
    }
}
