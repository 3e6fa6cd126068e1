package dev.strongroom.jobs;

import dev.strongroom.http.ProblemType;

/**
 * One sort of long-running operation, of which at most one runs at a time.
 *
 * @param name the name of its worker thread, and how the logs call it
 * @param label how a person calls one run ("Backup run"), at the start of a sentence
 * @param busy what a run still going is doing, after "is still" ("running", "being made")
 * @param conflictType the problem type of the 409 a second start gets
 * @param idField the field of that problem naming the run in progress
 * @param onStop what a stop does to a run in progress
 * @param recovery when, at start, runs a crash left running are marked interrupted
 * @param scope whether the kind runs on every host of the vault or on one at a time
 */
public record JobKind(String name, String label, String busy, ProblemType conflictType, String idField, OnStop onStop,
        Recovery recovery, Scope scope) {

    /** A kind each host runs for itself. */
    public JobKind(String name, String label, String busy, ProblemType conflictType, String idField, OnStop onStop,
            Recovery recovery) {
        this(name, label, busy, conflictType, idField, onStop, recovery, Scope.HOST);
    }

    /** Where a kind runs when the vault has several hosts on one catalog. */
    public enum Scope {
        /** On each host, for what is its own (its volume's backup). */
        HOST,
        /** On one host of the vault at a time: the one holding the kind's {@link JobLease}. */
        VAULT
    }

    /** What a stop does to a run in progress. */
    public enum OnStop {
        /** Interrupt its thread: its work gives up at the next blocking call. */
        INTERRUPT,
        /**
         * Let it end on its own: an interrupt that lands in the embedded catalog's file I/O closes its
         * file, so work that writes the catalog throughout is told to stop some other way.
         */
        LET_FINISH
    }

    /** When the start-up marks runs left running; the order of the start-up observers is kept as it was. */
    public enum Recovery {
        /** With the first services (priority 30), before audit shipping starts at 50. */
        EARLY,
        /** With the observers that have no priority. */
        LATE,
        /** Runs live only in memory; a crash leaves nothing to mark. */
        NONE
    }
}
