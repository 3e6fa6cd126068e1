package dev.strongroom.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a sequence of journal lines and reports every finding, not only the first: a line whose
 * content does not match its hash, a missing range of sequence numbers, a line out of order, or a
 * line whose {@code prevHash} does not match the event before it in sequence order. Feed lines in
 * file order. A line that comes later than its place is out of order, not missing: a gap is judged
 * missing only at the end, for the numbers no line filled; and links are checked against the event
 * with the previous sequence number, wherever it stands, so two swapped events are named as such and
 * not also as breaks of the chain.
 * <p>
 * A range lost for good and sealed by an {@code audit.gap} event ({@link SealedGap}) is reported as
 * sealed, not missing; with the vault's public key ({@link #checkingGapsWith}) the gap's signature is
 * checked too, and a gap event that does not verify is a finding.
 */
public final class ChainVerifier {

    /** Hashes of recent events by sequence number, for the links of events that come out of order. */
    private static final int RECENT = 4096;

    private final List<Finding> findings = new ArrayList<>();
    private final Map<Long, String> recentHashes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > RECENT;
        }
    };
    /** Events whose predecessor has not been seen yet: the predecessor's seq to the event's prevHash. */
    private final Map<Long, String> waiting = new HashMap<>();
    /** Ranges of sequence numbers skipped so far, [from, to]; what no later line fills is missing. */
    private final List<long[]> gaps = new ArrayList<>();
    private final List<SealedGap> sealedGaps = new ArrayList<>();
    private List<PublicKey> gapKeys = List.of();
    private final long anchorSeq;
    private final String anchorHash;
    private long expectedSeq;
    private long count;
    private ChainHead head;

    /**
     * @param anchorSeq sequence number of the event before the first line (0 for a whole journal)
     * @param anchorHash that event's hash, or null when unknown (an export that starts mid-chain)
     */
    public ChainVerifier(long anchorSeq, String anchorHash) {
        this.anchorSeq = anchorSeq;
        this.anchorHash = anchorHash;
        this.expectedSeq = anchorSeq + 1;
    }

    public static ChainVerifier fromGenesis() {
        return new ChainVerifier(0, AuditEvent.GENESIS_HASH);
    }

    /** Also checks the signature of every gap event against the vault's key. */
    public ChainVerifier checkingGapsWith(PublicKey key) {
        return checkingGapsWith(List.of(key));
    }

    /** As {@link #checkingGapsWith(PublicKey)}, with every key the vault published: any of them may have sealed a gap. */
    public ChainVerifier checkingGapsWith(Collection<PublicKey> keys) {
        this.gapKeys = List.copyOf(keys);
        return this;
    }

    public void accept(String line) {
        count++;
        AuditEvent event;
        try {
            event = EventLine.parse(line);
        } catch (Exception e) {
            findings.add(new Finding(expectedSeq, "unreadable",
                    "line " + count + " is not a valid event (expected seq " + expectedSeq + ")"));
            expectedSeq++;
            return;
        }
        long seq = event.seq();
        if (anchorHash == null && count == 1 && anchorSeq == 0 && seq != 1) {
            // An export that starts mid-chain without an anchor begins wherever its first line is.
            expectedSeq = seq;
        }
        SealedGap gap = seq > expectedSeq ? SealedGap.of(event) : null;
        boolean sealed = gap != null && expectedSeq >= gap.fromSeq();
        boolean beganInsideGap = sealed && expectedSeq > gap.fromSeq();
        if (sealed) {
            sealedGaps.add(gap);
            if (!gapKeys.isEmpty() && gapKeys.stream().noneMatch(k -> SealedGap.signatureValid(event, k))) {
                findings.add(new Finding(seq, "forged-gap", "gap event " + seq + " does not carry the vault's "
                        + "signature over what it seals"));
            }
        } else if (seq > expectedSeq) {
            gaps.add(new long[] { expectedSeq, seq - 1 });
        } else if (seq < expectedSeq) {
            findings.add(fillsGap(seq)
                    ? new Finding(seq, "out-of-order", "event " + seq + " appears after event " + (expectedSeq - 1)
                            + ": it is out of order (reordered)")
                    : new Finding(seq, "out-of-order", "event " + seq + " appears again after event "
                            + (expectedSeq - 1) + " (duplicated)"));
        }
        String claimed = EventLine.claimedHash(line);
        String computed = EventLine.computedHash(line);
        if (claimed == null || !claimed.equals(computed)) {
            findings.add(new Finding(seq, "altered", "event " + seq + " does not match its hash (content changed)"));
        }
        if (sealed) {
            // A gap event links to the last event the journal kept, before the lost range; when
            // verification began inside that range (from a digest cut there), there is nothing to hold it to.
            if (!beganInsideGap) {
                checkLink(seq, gap.fromSeq() - 1, event.prevHash(), count == 1);
            }
        } else {
            checkLink(seq, seq - 1, event.prevHash(), count == 1);
        }
        String follower = waiting.remove(seq);
        if (follower != null && !follower.equals(claimed)) {
            findings.add(brokenLink(seq + 1));
        }
        if (claimed != null) {
            recentHashes.put(seq, claimed);
        }
        if (seq >= expectedSeq) {
            expectedSeq = seq + 1;
        }
        head = new ChainHead(seq, claimed);
    }

    private void checkLink(long seq, long predecessorSeq, String prevHash, boolean firstLine) {
        String predecessor = predecessorSeq == anchorSeq ? anchorHash : recentHashes.get(predecessorSeq);
        if (predecessor != null) {
            if (!predecessor.equals(prevHash)) {
                findings.add(brokenLink(seq));
            }
        } else if (!(firstLine && anchorHash == null) && predecessorSeq > anchorSeq) {
            // Its predecessor may still come (out of order); if it never does, it is missing, not a break.
            waiting.put(predecessorSeq, prevHash);
        }
    }

    private static Finding brokenLink(long seq) {
        return new Finding(seq, "broken-link", "event " + seq + " does not chain to the event before it (prevHash mismatch)");
    }

    /** Takes {@code seq} out of the gaps it lies in; true when it did lie in one. */
    private boolean fillsGap(long seq) {
        for (Iterator<long[]> it = gaps.iterator(); it.hasNext();) {
            long[] gap = it.next();
            if (seq >= gap[0] && seq <= gap[1]) {
                it.remove();
                if (seq > gap[0]) {
                    gaps.add(new long[] { gap[0], seq - 1 });
                }
                if (seq < gap[1]) {
                    gaps.add(new long[] { seq + 1, gap[1] });
                }
                return true;
            }
        }
        return false;
    }

    /** For a filtered export: checks the line's own hash only, since its neighbours are not there. */
    public void acceptUnlinked(String line) {
        count++;
        String claimed = EventLine.claimedHash(line);
        long seq;
        try {
            seq = EventLine.parse(line).seq();
        } catch (Exception e) {
            findings.add(new Finding(-1, "unreadable", "line " + count + " is not a valid event"));
            return;
        }
        if (claimed == null || !claimed.equals(EventLine.computedHash(line))) {
            findings.add(new Finding(seq, "altered", "event " + seq + " does not match its hash (content changed)"));
        }
        head = new ChainHead(seq, claimed);
    }

    /** The sequence number of the last line accepted, 0 before any. */
    public long lastSeq() {
        return head == null ? 0 : head.seq();
    }

    public VerificationResult result() {
        List<Finding> all = new ArrayList<>(findings);
        gaps.stream().sorted(Comparator.comparingLong(g -> g[0])).forEach(g -> all.add(new Finding(g[0], "missing",
                g[0] == g[1] ? "event " + g[0] + " is missing" : "events " + g[0] + " to " + g[1] + " are missing")));
        // A line too broken to name its event (seq -1) is listed after the events that are named.
        all.sort(Comparator.comparingLong(f -> f.seq() < 0 ? Long.MAX_VALUE : f.seq()));
        Long firstBroken = all.stream().map(Finding::seq).min(Long::compare).orElse(null);
        return new VerificationResult(all.isEmpty(), count, head, firstBroken, List.copyOf(all),
                List.copyOf(sealedGaps));
    }

    /** One problem at one sequence number. */
    public record Finding(long seq, String kind, String message) {
    }
}
