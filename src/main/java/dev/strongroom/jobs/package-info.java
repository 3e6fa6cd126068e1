/**
 * Long-running operations (backup runs, compliance reports, restore drills, snapshot restores and
 * reconciles) share one lifecycle here, so that each capability writes only its own work.
 * <p>
 * Vocabulary: a <b>job kind</b> names one sort of operation, of which at most one runs at a time; a
 * <b>job</b> is one run of a kind, with an id; its <b>progress</b> is what the API shows while it
 * runs; its <b>state</b> is where it is in its life; a <b>job store</b> keeps a kind's runs in the
 * capability's own table, so that a run a crash left running is marked interrupted at the next start.
 * <p>
 * Depends on nothing of the vault but {@code dev.strongroom.http}, for the problems it answers with.
 */
package dev.strongroom.jobs;
