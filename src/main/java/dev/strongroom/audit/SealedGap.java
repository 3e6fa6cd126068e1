package dev.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.SortedMap;

/**
 * Events the journal lost for good, sealed by an {@code audit.gap} event that an admin and an auditor
 * confirmed (docs/audit-recovery.md). The gap event takes the sequence number after the last lost one
 * and links to the last event the journal still has, so the chain goes on without re-using a number;
 * verifiers report the sealed range instead of a missing one.
 *
 * @param fromSeq the first lost event
 * @param toSeq the last lost event
 * @param gapSeq the gap event's own sequence number, {@code toSeq + 1}
 */
public record SealedGap(long fromSeq, long toSeq, long gapSeq, String proposedBy, String confirmedBy, String reason) {

    public static final String ACTION = AuditLogAction.GAP.action();
    static final String STATEMENT_VERSION = "strongroom-audit-gap:1";

    /** The gap an event seals, or null when it is no well-formed gap event. */
    public static SealedGap of(AuditEvent event) {
        if (!ACTION.equals(event.action()) || event.detail() == null) {
            return null;
        }
        SortedMap<String, String> d = event.detail();
        try {
            long from = Long.parseLong(d.get("lostFrom"));
            long to = Long.parseLong(d.get("lostTo"));
            if (from < 1 || to < from || event.seq() != to + 1) {
                return null;
            }
            return new SealedGap(from, to, event.seq(), d.get("proposedBy"), d.get("confirmedBy"), d.get("reason"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What the vault's key signs for a gap: every fact an auditor relies on, in one line. */
    public static String statement(long fromSeq, long toSeq, String prevHash, String proposedBy, String confirmedBy,
            String reason) {
        return STATEMENT_VERSION + "|" + fromSeq + "|" + toSeq + "|" + prevHash + "|" + proposedBy + "|" + confirmedBy
                + "|" + reason;
    }

    /** True when the event's signature over its statement verifies with {@code key}. */
    public static boolean signatureValid(AuditEvent event, PublicKey key) {
        SealedGap gap = of(event);
        String signature = event.detail() == null ? null : event.detail().get("signature");
        if (gap == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(statement(gap.fromSeq(), gap.toSeq(), event.prevHash(), gap.proposedBy(), gap.confirmedBy(),
                    gap.reason()).getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public String describe() {
        return (fromSeq == toSeq ? "event " + fromSeq + " was" : "events " + fromSeq + " to " + toSeq + " were")
                + " lost and sealed by gap event " + gapSeq + " (proposed by " + proposedBy + ", confirmed by "
                + confirmedBy + ")";
    }
}
