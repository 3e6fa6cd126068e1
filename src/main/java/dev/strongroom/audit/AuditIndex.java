package dev.strongroom.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps the audit_event table in step with the journal. The journal is written first; the index row
 * follows. If the process dies between the two, {@link #catchUp} re-indexes from the journal at the
 * next start, so a query never misses an event the journal holds.
 */
@ApplicationScoped
public class AuditIndex {

    private static final Logger LOG = Logger.getLogger(AuditIndex.class);
    private static final int BATCH = 500;

    void add(AuditEvent event, String line) {
        QuarkusTransaction.requiringNew().run(() -> IndexedEvent.of(event, line).persist());
    }

    /**
     * Indexes every journal event the index lacks; returns how many were added. Normally that is the
     * tail after the newest indexed event. When the index has holes (an index write failed after its
     * journal append), the whole journal is walked and only the missing events are added.
     */
    public long catchUp(JournalSegments segments) {
        Object[] state = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.getEntityManager()
                .createQuery("select coalesce(max(e.seq), 0), count(e) from IndexedEvent e", Object[].class)
                .getSingleResult());
        long newest = (Long) state[0];
        boolean holes = (Long) state[1] < newest;
        if (holes) {
            LOG.warnf("Audit index has %d holes below seq %d; re-indexing them from the journal",
                    newest - (Long) state[1], newest);
        }
        long indexed = holes ? 0 : newest;
        List<IndexedEvent> batch = new ArrayList<>();
        long[] added = { 0 };
        segments.forEachLine(indexed + 1, line -> {
            AuditEvent event;
            try {
                event = EventLine.parse(line);
            } catch (Exception e) {
                LOG.errorf("Unreadable audit line skipped by the index (the verifier reports it): %s", e.getMessage());
                return;
            }
            if (event.seq() > indexed && (event.seq() > newest || !isIndexed(event.seq()))) {
                batch.add(IndexedEvent.of(event, line));
                if (batch.size() == BATCH) {
                    added[0] += flush(batch);
                }
            }
        });
        added[0] += flush(batch);
        return added[0];
    }

    private static boolean isIndexed(long seq) {
        return QuarkusTransaction.requiringNew().call(() -> IndexedEvent.findById(seq) != null);
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
