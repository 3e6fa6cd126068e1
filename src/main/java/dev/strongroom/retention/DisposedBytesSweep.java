package dev.strongroom.retention;

import dev.strongroom.KeyedLocks;
import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.RetentionRows;
import dev.strongroom.store.BlobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Takes the bytes of documents disposed of on another host of the vault off this host's volume. A disposal removes
 * the blob on the host that carries it out; the document's bytes may also be on the host that received it, or on
 * any host that read it from the bucket since. Every host therefore looks at the vault's tombstones (shared in the
 * catalog) and removes the blob of each, unless a live document has the same bytes, holding the hash as the
 * disposal itself does. Each removal is audited on this host's chain before the file goes.
 * <p>
 * The first sweep after a start reads every tombstone; later ones read those disposed of since the previous sweep,
 * less a margin for disposals whose transaction committed late.
 */
@ApplicationScoped
public class DisposedBytesSweep {

    private static final Logger LOG = Logger.getLogger(DisposedBytesSweep.class);
    private static final int PAGE = 500;
    private static final Duration LATE_COMMITS = Duration.ofMinutes(10);

    private final BlobStore store;
    private final RetentionRows rows;
    private final Auditor auditor;
    private Instant sweptUpTo;

    public DisposedBytesSweep(BlobStore store, RetentionRows rows, Auditor auditor) {
        this.store = store;
        this.rows = rows;
        this.auditor = auditor;
    }

    @Scheduled(every = "{strongroom.retention.sweep-every}", delayed = "{strongroom.startup.background-delay}",
            identity = "disposed-bytes-sweep", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        sweep();
    }

    /** Returns how many blobs were removed from this volume. */
    synchronized int sweep() {
        Instant started = Instant.now();
        Instant from = sweptUpTo == null ? Instant.EPOCH : sweptUpTo.minus(LATE_COMMITS);
        int removed = 0;
        Instant afterTime = from;
        String afterId = "";
        while (true) {
            Instant time = afterTime;
            String id = afterId;
            List<Tombstone> page = QuarkusTransaction.requiringNew().call(() -> Tombstone.<Tombstone>find(
                    "disposedAt > ?1 or (disposedAt = ?1 and documentId > ?2) order by disposedAt, documentId", time,
                    id).page(0, PAGE).list());
            for (Tombstone tombstone : page) {
                if (store.exists(tombstone.sha256) && remove(tombstone)) {
                    removed++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            Tombstone last = page.get(page.size() - 1);
            afterTime = last.disposedAt;
            afterId = last.documentId;
        }
        sweptUpTo = started;
        if (removed > 0) {
            LOG.infof("Removed the bytes of %d document(s) disposed of on another host from this volume", removed);
        }
        return removed;
    }

    private boolean remove(Tombstone tombstone) {
        try (KeyedLocks.Held held = store.lock(tombstone.sha256)) {
            if (!store.exists(tombstone.sha256) || rows.anyHolding(tombstone.sha256)) {
                return false;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("sha256", tombstone.sha256);
            detail.put("disposedAt", tombstone.disposedAt.toString());
            detail.put("approvedBy", tombstone.approvedBy);
            auditor.record(RetentionAction.DISPOSED_BYTES_REMOVED, "document/" + tombstone.documentId,
                    Outcome.SUCCESS, detail);
            try {
                store.delete(tombstone.sha256);
            } catch (UncheckedIOException e) {
                detail.put("problem", e.getMessage());
                auditor.record(RetentionAction.DISPOSED_BYTES_REMOVED, "document/" + tombstone.documentId,
                        Outcome.FAILURE, detail);
                LOG.warnf("The bytes of disposed document %s could not be removed from this volume: %s",
                        tombstone.documentId, e.getMessage());
                return false;
            }
            return true;
        }
    }
}
