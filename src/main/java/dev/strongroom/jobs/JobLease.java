package dev.strongroom.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * Leases on the jobs that must run once per vault ({@link JobKind.Scope#VAULT}), for a vault whose hosts share
 * one catalog: a host runs such a job only while it holds the job's lease. The runner takes the lease at a
 * start, renews it while the run goes on and releases it at the end; a host that crashed stops renewing, so
 * its lease expires and another host may take it over.
 * <p>
 * Implemented where the catalog is reached ({@code dev.strongroom.lease}), since this package knows no table.
 * Leases are named by the job kind's {@link JobKind#name()}.
 */
public interface JobLease {

    /** This host, as leases and job records name it. */
    String hostId();

    /** How long a lease lasts unless renewed; the runner renews it well before it runs out. */
    Duration duration();

    /**
     * Takes the lease for this host when nobody holds it, its holder let it expire, or this host holds it
     * already (it is then extended); of hosts racing for it exactly one gets it.
     *
     * @return the holder once the attempt is over: this host when it got the lease
     */
    Holder take(String name);

    /** Extends this host's lease by {@link #duration()}; false when it is no longer this host's. */
    boolean renew(String name);

    /** Ends this host's lease now, so that any host may take it; nothing when it is not this host's. */
    void release(String name);

    /** Who holds a lease, and until when unless renewed. */
    record Holder(String hostId, Instant expiresAt) {
    }
}
