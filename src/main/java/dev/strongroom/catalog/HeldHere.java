package dev.strongroom.catalog;

import dev.strongroom.VaultIdentity;
import dev.strongroom.store.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which documents of the shared catalog this host holds, for the per-host jobs that work on the bytes on this
 * host's volume (backup uploads, the scrub, metadata extraction, snapshot reconcile). Hosts share the catalog,
 * not their volumes: a document is this host's when {@code stored_on} names this host.
 *
 * <p>Rows without {@code stored_on} come from before hosts were recorded (or from a restore's import). While no
 * row names another host, this host is the only one that ever received documents, so those rows are its own
 * unconditionally: a single-host vault behaves as it always did, and a blob missing from its volume is still
 * reported missing. Once another host has received documents, such a row is this host's only if its blob is on
 * this volume: a host added later then leaves the older documents to the host that holds them, at the price that
 * a blob of such a row lost from every volume is no longer reported by the scrub (the backup's spot checks and
 * the restore drill still read it from S3).
 */
@ApplicationScoped
public class HeldHere {

    /** The JPQL condition on a {@code Document d} that keeps this host's rows and the unrecorded ones. */
    static final String MINE_OR_UNRECORDED = "(d.storedOn = :host or d.storedOn is null)";

    private final VaultIdentity identity;
    private final BlobStore blobs;

    public HeldHere(VaultIdentity identity, BlobStore blobs) {
        this.identity = identity;
        this.blobs = blobs;
    }

    public String host() {
        return identity.hostId();
    }

    /** What this host decides about rows without {@code stored_on}, read once per job so a run is consistent. */
    public Scope scope() {
        String host = identity.hostId();
        // The lowest and highest host named, both read from the ends of document_stored_on_idx (V32): cheap
        // enough for every document a lane picks up.
        Object[] ends = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select min(d.storedOn), max(d.storedOn) from Document d", Object[].class)
                .getSingleResult());
        boolean others = (ends[0] != null && !host.equals(ends[0])) || (ends[1] != null && !host.equals(ends[1]));
        return new Scope(host, !others);
    }

    /**
     * @param host  this host's id
     * @param alone no row names another host: unrecorded rows are this host's without looking at the volume
     */
    public record Scope(String host, boolean alone) {
    }

    /** Whether this host holds a document recorded on {@code storedOn} (null: unrecorded) with these bytes. */
    public boolean holds(Scope scope, String storedOn, String sha256) {
        if (storedOn != null) {
            return storedOn.equals(scope.host());
        }
        return scope.alone() || blobs.exists(sha256);
    }
}
