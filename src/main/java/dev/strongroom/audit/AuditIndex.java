package dev.strongroom.audit;

import dev.strongroom.GroupCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Keeps the audit_event table in step with the journal. The journal is written first; the index row
 * follows. If the process dies between the two, {@link #catchUp} re-indexes from the journal at the
 * next start, so a query never misses an event the journal holds (and {@code UploadLedger}, which
 * finds uploads to recover through the index, never misses one either).
 */
@ApplicationScoped
public class AuditIndex {

    private static final Logger LOG = Logger.getLogger(AuditIndex.class);
    private static final int BATCH = 500;

    /**
     * A catch-up and live appends may overlap at start (a scheduled check can audit while the
     * catch-up walks the journal). The catch-up holds the write lock; an append waiting for it skips
     * its row when the catch-up already indexed that far, since it read every line up to then.
     */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long caughtUpTo;
    private final GroupCommit commits;

    public AuditIndex(GroupCommit commits) {
        this.commits = commits;
    }

    /** Indexes the event, committing {@code alongside} in the same catalog transaction. */
    void add(AuditEvent event, String line, Runnable alongside) {
        lock.readLock().lock();
        try {
            boolean indexed = event.seq() <= caughtUpTo;
            commits.run(() -> {
                if (!indexed) {
                    IndexedEvent.of(event, line).persist();
                }
                alongside.run();
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Indexes every journal event the index lacks; returns how many were added. Requests commit their
     * rows in any order, so a crash can leave holes below the newest indexed event, not only a missing
     * tail; replay starts at the lowest hole and skips the rows already there.
     */
    public long catchUp(JournalSegments segments) {
        lock.writeLock().lock();
        try {
            return catchUpLocked(segments);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private long catchUpLocked(JournalSegments segments) {
        long from = QuarkusTransaction.requiringNew().call(AuditIndex::firstMissingSeq);
        Set<Long> present = QuarkusTransaction.requiringNew().call(() -> new HashSet<>(IndexedEvent.getEntityManager()
                .createQuery("select e.seq from IndexedEvent e where e.seq >= ?1", Long.class).setParameter(1, from)
                .getResultList()));
        if (!present.isEmpty()) {
            LOG.warnf("Audit index lacks event %d but has %d newer ones (committed out of order before a crash); "
                    + "re-indexing from there", from, present.size());
        }
        List<IndexedEvent> batch = new ArrayList<>();
        long[] added = { 0 };
        segments.forEachLine(from, line -> {
            AuditEvent event;
            try {
                event = EventLine.parse(line);
            } catch (Exception e) {
                LOG.errorf("Unreadable audit line skipped by the index (the verifier reports it): %s", e.getMessage());
                return;
            }
            caughtUpTo = Math.max(caughtUpTo, event.seq());
            if (event.seq() >= from && !present.contains(event.seq())) {
                batch.add(IndexedEvent.of(event, line));
                if (batch.size() == BATCH) {
                    added[0] += flush(batch);
                }
            }
        });
        added[0] += flush(batch);
        return added[0];
    }

    /** The lowest sequence number without a row; one past the newest when there are no holes. */
    private static long firstMissingSeq() {
        EntityManager em = IndexedEvent.getEntityManager();
        long newest = em.createQuery("select coalesce(max(e.seq), 0) from IndexedEvent e", Long.class)
                .getSingleResult();
        long rows = em.createQuery("select count(e) from IndexedEvent e", Long.class).getSingleResult();
        if (rows == newest) {
            return newest + 1;
        }
        if (IndexedEvent.findById(1L) == null) {
            return 1;
        }
        return em.createQuery("select min(e.seq) from IndexedEvent e where not exists "
                + "(select n.seq from IndexedEvent n where n.seq = e.seq + 1)", Long.class).getSingleResult() + 1;
    }

    private static int flush(List<IndexedEvent> batch) {
        int n = batch.size();
        if (n > 0) {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(e -> e.persist()));
            batch.clear();
        }
        return n;
    }
}
