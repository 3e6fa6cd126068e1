/**
 * Leases on the jobs that run once per vault, kept in the catalog's {@code job_lease} table so that every host
 * sharing the catalog sees them.
 * <p>
 * Vocabulary: a <b>lease</b> names a job kind; its <b>holder</b> is the host allowed to run that kind until the
 * lease <b>expires</b>; the holder <b>renews</b> it while the run goes on and <b>releases</b> it at the end. An
 * expired lease (its holder crashed or lost the catalog) may be taken by any host.
 * <p>
 * The runner ({@code dev.strongroom.jobs}) sees only its {@code JobLease} interface; this package implements
 * it, and nothing depends on this package.
 */
package dev.strongroom.lease;
