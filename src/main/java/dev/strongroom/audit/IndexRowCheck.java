package dev.strongroom.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Checks the audit index against the journal, row by line, as the journal is read in order: every
 * row's filter columns must be what its line says (a document id moved, an actor or action changed
 * in the catalog would take an event out of "who accessed X"), every line must have its row, and no
 * row may stand without a line. Rows are read in windows of {@value #WINDOW} by sequence number.
 */
final class IndexRowCheck implements Consumer<String> {

    private static final int WINDOW = 1000;
    private static final int LISTED = 200;

    private final TreeMap<Long, IndexedEvent> rows = new TreeMap<>();
    private final List<ChainVerifier.Finding> findings = new ArrayList<>();
    private final TreeSet<Long> unindexed = new TreeSet<>();
    private final List<Long> orphans = new ArrayList<>();
    private final String host;
    private long fetchedTo;
    private long checked;
    private int total;

    /**
     * @param host the host whose journal is read: only its rows are checked, since another host's chain
     *        has rows with the same sequence numbers
     * @param fromSeq the first sequence number of the range being verified
     */
    IndexRowCheck(String host, long fromSeq) {
        this.host = host;
        this.fetchedTo = fromSeq - 1;
    }

    @Override
    public void accept(String line) {
        long seq = JournalSegments.seqOf(line);
        if (seq <= 0) {
            return;
        }
        while (seq > fetchedTo) {
            fetch(fetchedTo + 1, fetchedTo + WINDOW);
        }
        rows.headMap(seq, false).keySet().forEach(orphans::add);
        rows.headMap(seq, false).clear();
        IndexedEvent row = rows.remove(seq);
        if (row == null) {
            unindexed.add(seq);
            return;
        }
        checked++;
        String claimed = EventLine.claimedHash(line);
        if (claimed == null || !claimed.equals(EventLine.computedHash(line))) {
            // The line itself was changed: the chain's finding says so, and the row is the evidence of what
            // it said before, not an index fault.
            return;
        }
        AuditEvent event;
        try {
            event = EventLine.parse(line);
        } catch (Exception e) {
            return;
        }
        List<String> differ = row.disagreements(event, line);
        if (!differ.isEmpty()) {
            add(new ChainVerifier.Finding(seq, "index-disagrees", "the index row of event " + seq + " does not say "
                    + "what the journal line says (" + String.join(", ", differ) + "): queries by those columns "
                    + "give a false answer"));
        }
    }

    private void fetch(long from, long to) {
        List<IndexedEvent> window = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>find(
                "hostId = ?1 and seq >= ?2 and seq <= ?3 order by seq", host, from, to).list());
        window.forEach(r -> rows.put(r.seq, r));
        fetchedTo = to;
    }

    /**
     * Ends the check at {@code toSeq}: rows left without a line are orphans (unless a confirmed gap
     * seals their number), and lines without a row are findings once {@code catchUp} could not add them.
     */
    void finish(long toSeq, List<SealedGap> gaps, Runnable catchUp) {
        rows.headMap(toSeq, true).keySet().forEach(orphans::add);
        if (fetchedTo < toSeq) {
            QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>find(
                    "hostId = ?1 and seq > ?2 and seq <= ?3 order by seq", host, fetchedTo, toSeq).list()).forEach(r -> orphans.add(r.seq));
        }
        for (long seq : orphans) {
            boolean sealed = gaps.stream().anyMatch(g -> seq >= g.fromSeq() && seq <= g.toSeq());
            if (!sealed) {
                add(new ChainVerifier.Finding(seq, "index-orphan", "the index has a row for event " + seq + ", which "
                        + "the journal does not hold"));
            }
        }
        if (!unindexed.isEmpty()) {
            catchUp.run();
            List<Long> still = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> present = IndexedEvent.getEntityManager().createQuery(
                        "select e.seq from IndexedEvent e where e.hostId = ?1 and e.seq >= ?2 and e.seq <= ?3", Long.class)
                        .setParameter(1, host).setParameter(2, unindexed.first()).setParameter(3, unindexed.last())
                        .getResultList();
                List<Long> missing = new ArrayList<>(unindexed);
                missing.removeAll(present);
                return missing;
            });
            still.forEach(seq -> add(new ChainVerifier.Finding(seq, "not-indexed", "event " + seq + " is in the "
                    + "journal but not in the index, so audit queries do not find it")));
        }
    }

    private void add(ChainVerifier.Finding finding) {
        total++;
        if (findings.size() < LISTED) {
            findings.add(finding);
        }
    }

    List<ChainVerifier.Finding> findings() {
        return findings;
    }

    /** All findings, of which {@link #findings} lists at most {@value #LISTED}. */
    int total() {
        return total;
    }

    long rowsChecked() {
        return checked;
    }
}
