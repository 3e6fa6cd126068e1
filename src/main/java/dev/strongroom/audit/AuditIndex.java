package dev.strongroom.audit;

import dev.strongroom.GroupCommit;
import dev.strongroom.VaultIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Keeps the audit_event table in step with the journal. The journal is written first; the index row
 * follows. If the process dies between the two, {@link #catchUp} re-indexes from the journal at the
 * next start, so a query never misses an event the journal holds (and {@code UploadLedger}, which
 * finds uploads to recover through the index, never misses one either).
 * <p>
 * The index never refuses what the journal took, and never stops the start: a column too narrow for
 * a value gets the value cut ({@link IndexColumns}), a row the catalog still refuses is left out and
 * reported (log, {@code strongroom.audit.index.refused}), and the verification lists it.
 * <p>
 * Hosts sharing the catalog each keep their own journal; this index writes and reads only this host's
 * rows ({@link #host()}), so another host's events with the same sequence numbers never count as this
 * chain's.
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
    private final VaultIdentity identity;
    private final Counter clipped;
    private final Counter refused;

    public AuditIndex(GroupCommit commits, VaultIdentity identity, MeterRegistry registry) {
        this.commits = commits;
        this.identity = identity;
        this.clipped = Counter.builder("strongroom.audit.index.clipped")
                .description("Audit index rows whose filter columns had to be cut to fit").register(registry);
        this.refused = Counter.builder("strongroom.audit.index.refused")
                .description("Journal events the audit index could not take (the verification lists them)")
                .register(registry);
    }

    /**
     * Indexes the event, committing {@code alongside} in the same catalog transaction. An event held
     * while the journal is read-only has no row yet; {@code alongside} still commits.
     */
    void add(JournalLine written, Runnable alongside) {
        if (written.held()) {
            commits.run(alongside);
            return;
        }
        AuditEvent event = written.event();
        lock.readLock().lock();
        try {
            boolean indexed = event.seq() <= caughtUpTo;
            commits.run(() -> {
                if (!indexed) {
                    row(event, written.line()).persist();
                }
                alongside.run();
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The host whose journal this index mirrors: its rows are this chain's. */
    public String host() {
        return identity.hostId();
    }

    private IndexedEvent row(AuditEvent event, String line) {
        IndexedEvent row = IndexedEvent.of(host(), event, line);
        if (row.clipped(event)) {
            clipped.increment();
            LOG.warnf("Audit event %d has a value longer than its index column; indexed cut to fit (the journal "
                    + "line keeps it whole)", event.seq());
        }
        return row;
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

    /**
     * Takes the rows indexed before hosts were recorded (db/migration V30) as this host's when this
     * host's journal holds the oldest of them, byte for byte: they came from its chain. Another host
     * leaves them to their own. Returns how many rows were adopted.
     */
    public long adoptRowsFromBeforeHosts(JournalSegments segments) {
        lock.writeLock().lock();
        try {
            Object[] oldest = QuarkusTransaction.requiringNew().call(() -> {
                List<Object[]> rows = IndexedEvent.getEntityManager().createQuery("select e.seq, e.line from "
                        + "IndexedEvent e where e.hostId = ?1 order by e.seq", Object[].class)
                        .setParameter(1, IndexedEvent.BEFORE_HOSTS).setMaxResults(1).getResultList();
                return rows.isEmpty() ? null : rows.get(0);
            });
            if (oldest == null) {
                return 0;
            }
            long seq = ((Number) oldest[0]).longValue();
            Optional<String> mine = segments.lineAt(seq);
            if (mine.isEmpty() || !mine.get().equals(oldest[1])) {
                LOG.infof("Audit index rows from before hosts were recorded start with event %d, which this host's "
                        + "journal does not hold; they are left to the host whose journal does", seq);
                return 0;
            }
            String me = host();
            long adopted = QuarkusTransaction.requiringNew().call(() -> {
                EntityManager em = IndexedEvent.getEntityManager();
                // A row this host indexed already (a catch-up before the adoption) stands; its twin goes.
                em.createQuery("delete from IndexedEvent l where l.hostId = ?1 and exists (select m.seq from "
                        + "IndexedEvent m where m.hostId = ?2 and m.seq = l.seq)").setParameter(1,
                                IndexedEvent.BEFORE_HOSTS).setParameter(2, me).executeUpdate();
                return (long) em.createQuery("update IndexedEvent e set e.hostId = ?1 where e.hostId = ?2")
                        .setParameter(1, me).setParameter(2, IndexedEvent.BEFORE_HOSTS).executeUpdate();
            });
            LOG.infof("Audit index: this host's journal holds the %d rows indexed before hosts were recorded; "
                    + "they are now host %s's", adopted, me);
            return adopted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private long catchUpLocked(JournalSegments segments) {
        String me = host();
        long from = QuarkusTransaction.requiringNew().call(() -> firstMissingSeq(me));
        Set<Long> present = QuarkusTransaction.requiringNew().call(() -> new HashSet<>(IndexedEvent.getEntityManager()
                .createQuery("select e.seq from IndexedEvent e where e.hostId = ?1 and e.seq >= ?2", Long.class)
                .setParameter(1, me).setParameter(2, from).getResultList()));
        if (!present.isEmpty()) {
            LOG.warnf("Audit index lacks event %d but has %d newer ones (committed out of order before a crash, or "
                    + "a journal shorter than its index); re-indexing from there", from, present.size());
        }
        List<IndexedEvent> batch = new ArrayList<>();
        long[] added = { 0 };
        segments.forEachLine(from, line -> {
            long seq = JournalSegments.seqOf(line);
            if (seq > 0 && seq < from) {
                // Every event below the first hole has its row: its number is all the catch-up needs of it, and the
                // segment that holds the hole may hold a great many of them before it.
                caughtUpTo = Math.max(caughtUpTo, seq);
                return;
            }
            AuditEvent event;
            try {
                event = EventLine.parse(line);
            } catch (Exception e) {
                refused.increment();
                LOG.warnf("An unreadable audit line was left out of the index (the verification reports it): %s",
                        e.getMessage());
                return;
            }
            caughtUpTo = Math.max(caughtUpTo, event.seq());
            if (event.seq() >= from && !present.contains(event.seq())) {
                batch.add(row(event, line));
                if (batch.size() == BATCH) {
                    added[0] += flush(batch);
                }
            }
        });
        added[0] += flush(batch);
        return added[0];
    }

    /** This host's lowest sequence number without a row; one past its newest when there are no holes. */
    private static long firstMissingSeq(String host) {
        EntityManager em = IndexedEvent.getEntityManager();
        long newest = em.createQuery("select coalesce(max(e.seq), 0) from IndexedEvent e where e.hostId = ?1",
                Long.class).setParameter(1, host).getSingleResult();
        long rows = em.createQuery("select count(e) from IndexedEvent e where e.hostId = ?1", Long.class)
                .setParameter(1, host).getSingleResult();
        if (rows == newest) {
            return newest + 1;
        }
        if (IndexedEvent.findById(new IndexedEvent.Key(host, 1L)) == null) {
            return 1;
        }
        return em.createQuery("select min(e.seq) from IndexedEvent e where e.hostId = ?1 and not exists "
                + "(select n.seq from IndexedEvent n where n.hostId = ?1 and n.seq = e.seq + 1)", Long.class)
                .setParameter(1, host).getSingleResult() + 1;
    }

    /** Commits a batch; when the batch fails, row by row, leaving out (and reporting) the rows refused. */
    private int flush(List<IndexedEvent> batch) {
        int n = batch.size();
        if (n == 0) {
            return 0;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(e -> e.persist()));
        } catch (RuntimeException batchFailed) {
            n = 0;
            for (IndexedEvent row : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(row::persist);
                    n++;
                } catch (RuntimeException e) {
                    refused.increment();
                    LOG.warnf("Audit event %d could not be indexed and is left out of audit queries (the journal "
                            + "keeps it; the verification lists it): %s", row.seq, rootMessage(e));
                }
            }
        }
        batch.clear();
        return n;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
