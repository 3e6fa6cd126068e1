package dev.strongroom.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a sequence of journal lines and reports every finding, not only the first: a line whose
 * content does not match its hash, a missing range of sequence numbers, a line out of order, or a
 * line whose {@code prevHash} does not match the event before it. Feed lines in file order.
 * <p>
 * A range lost for good and sealed by an {@code audit.gap} event ({@link SealedGap}) is reported as
 * sealed, not missing; with the vault's public key ({@link #checkingGapsWith}) the gap's signature is
 * checked too, and a gap event that does not verify is a finding.
 */
public final class ChainVerifier {

    private final List<Finding> findings = new ArrayList<>();
    private final List<SealedGap> gaps = new ArrayList<>();
    private PublicKey gapKey;
    private long expectedSeq;
    private String expectedPrevHash;
    private long count;
    private ChainHead head;

    /**
     * @param anchorSeq sequence number of the event before the first line (0 for a whole journal)
     * @param anchorHash that event's hash, or null when unknown (an export that starts mid-chain)
     */
    public ChainVerifier(long anchorSeq, String anchorHash) {
        this.expectedSeq = anchorSeq + 1;
        this.expectedPrevHash = anchorHash;
    }

    public static ChainVerifier fromGenesis() {
        return new ChainVerifier(0, AuditEvent.GENESIS_HASH);
    }

    /** Also checks the signature of every gap event against the vault's key. */
    public ChainVerifier checkingGapsWith(PublicKey key) {
        this.gapKey = key;
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
            expectedPrevHash = null;
            return;
        }
        long seq = event.seq();
        if (expectedPrevHash == null && count == 1 && expectedSeq == 1 && seq != 1) {
            expectedSeq = seq;
        }
        SealedGap gap = seq > expectedSeq ? SealedGap.of(event) : null;
        boolean sealed = gap != null && expectedSeq >= gap.fromSeq();
        if (sealed) {
            gaps.add(gap);
            if (gapKey != null && !SealedGap.signatureValid(event, gapKey)) {
                findings.add(new Finding(seq, "forged-gap", "gap event " + seq + " does not carry the vault's "
                        + "signature over what it seals"));
            }
            if (expectedSeq > gap.fromSeq()) {
                // Verification began inside the lost range (from a digest cut there): the gap links to
                // the last event the journal kept, which lies before it.
                expectedPrevHash = null;
            }
        } else if (seq > expectedSeq) {
            findings.add(new Finding(expectedSeq, "missing", seq - expectedSeq == 1 ? "event " + expectedSeq + " is missing"
                    : "events " + expectedSeq + " to " + (seq - 1) + " are missing"));
            expectedPrevHash = null;
        } else if (seq < expectedSeq) {
            findings.add(new Finding(seq, "out-of-order",
                    "event " + seq + " appears after event " + (expectedSeq - 1) + " (reordered or duplicated)"));
        }
        String claimed = EventLine.claimedHash(line);
        String computed = EventLine.computedHash(line);
        if (claimed == null || !claimed.equals(computed)) {
            findings.add(new Finding(seq, "altered", "event " + seq + " does not match its hash (content changed)"));
        }
        if (expectedPrevHash != null && !expectedPrevHash.equals(event.prevHash())) {
            findings.add(new Finding(seq, "broken-link",
                    "event " + seq + " does not chain to the event before it (prevHash mismatch)"));
        }
        if (seq >= expectedSeq) {
            expectedSeq = seq + 1;
        }
        expectedPrevHash = claimed;
        head = new ChainHead(seq, claimed);
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
        Long firstBroken = findings.stream().map(Finding::seq).min(Long::compare).orElse(null);
        return new VerificationResult(findings.isEmpty(), count, head, firstBroken, List.copyOf(findings),
                List.copyOf(gaps));
    }

    /** One problem at one sequence number. */
    public record Finding(long seq, String kind, String message) {
    }
}
