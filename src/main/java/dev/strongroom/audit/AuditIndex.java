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

    /** Indexes every journal event newer than the newest indexed one; returns how many were added. */
    public long catchUp(JournalSegments segments) {
        long indexed = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.getEntityManager()
                .createQuery("select coalesce(max(e.seq), 0) from IndexedEvent e", Long.class).getSingleResult());
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
            if (event.seq() > indexed) {
                batch.add(IndexedEvent.of(event, line));
                if (batch.size() == BATCH) {
                    added[0] += flush(batch);
                }
            }
        });
        added[0] += flush(batch);
        return added[0];
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
