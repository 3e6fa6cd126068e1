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
        // The newest seq from the key alone, then that one row: ordered by seq descending, H2 read and sorted every
        // row of the host, journal lines included (a quarter of a restart's own thread at 50,000 documents).
        IndexedEvent newest = QuarkusTransaction.requiringNew().call(() -> {
            Long seq = IndexedEvent.getEntityManager()
                    .createQuery("select max(e.seq) from IndexedEvent e where e.hostId = ?1", Long.class)
                    .setParameter(1, index.host()).getSingleResult();
            return seq == null ? null : IndexedEvent.<IndexedEvent>findById(new IndexedEvent.Key(index.host(), seq));
        });
        if (newest == null) {
            return List.of(AnchorReading.read(NAME, List.of(), "no rows yet"));
        }
        long seq = newest.seq;
        String hash = EventLine.claimedHash(newest.line);
        return List.of(AnchorReading.read(NAME, List.of(new AnchorReading.Point(seq, hash, "newest row, event " + seq)),
                "newest row: event " + seq));
    }
}
