package dev.strongroom.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The catalog index as an anchor: its newest row is an event the journal held when it was indexed,
 * and the row keeps that event's line (so the index can also give the tail back, see recovery). Only
 * this host's rows: another host's newest row is a point on another chain.
 */
@ApplicationScoped
public class IndexAnchor implements JournalAnchor {

    static final String NAME = "catalog index";

    private final AuditIndex index;

    public IndexAnchor(AuditIndex index) {
        this.index = index;
    }

    @Override
    public List<AnchorReading> readLocal() {
        Object[] newest = QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = IndexedEvent.getEntityManager()
                    .createQuery("select e.seq, e.line from IndexedEvent e where e.hostId = ?1 order by e.seq desc",
                            Object[].class)
                    .setParameter(1, index.host()).setMaxResults(1).getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
        if (newest == null) {
            return List.of(AnchorReading.read(NAME, List.of(), "no rows yet"));
        }
        long seq = ((Number) newest[0]).longValue();
        String hash = EventLine.claimedHash((String) newest[1]);
        return List.of(AnchorReading.read(NAME, List.of(new AnchorReading.Point(seq, hash, "newest row, event " + seq)),
                "newest row: event " + seq));
    }
}
