package dev.strongroom.jobs;

import java.time.Instant;

/**
 * A kind's runs, kept in its capability's own table. The runner calls it at start and when a run it
 * accepted could not be given a thread; everything else about a run is the capability's.
 */
public interface JobStore {

    JobKind kind();

    /** Marks every run still recorded as running as interrupted at {@code at}; returns how many. */
    int markInterrupted(Instant at);

    /** Marks a run that was recorded but never got a thread (the vault began to stop) as failed. */
    void markNotStarted(String id, Instant at);

    /** After {@link #markInterrupted}: removes what the interrupted runs left behind (work folders). */
    default void clearLeftovers(int interrupted) {
    }
}
