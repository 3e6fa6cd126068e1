package dev.strongroom.audit;

import java.time.Instant;

/**
 * Something the start-up verification, the journal itself, the digest writer or a verification found
 * wrong with the audit trail, with what it means for writing.
 *
 * @param seq the sequence number it is about; 0 when it is about no single event
 */
public record IntegrityFinding(Kind kind, long seq, String message, Instant foundAt) {

    /** What a finding does to the vault while it stands. */
    public enum Consequence {
        /** Writing on would fork or hide the chain: the vault refuses writes (503) until it is recovered. */
        READ_ONLY,
        /** The trail is damaged but appending does not make it worse: health is DOWN, digests are refused. */
        DEGRADED
    }

    public enum Kind {
        /** An outside anchor (index, digest, CloudWatch, S3) holds events the journal no longer has. */
        SHORTER_THAN_ANCHOR(Consequence.READ_ONLY),
        /** An outside anchor holds a different event under a sequence number the journal has. */
        SEQUENCE_REUSED(Consequence.READ_ONLY),
        /** The segment being appended to was deleted, replaced or cut while the vault ran. */
        SEGMENT_CHANGED(Consequence.READ_ONLY),
        /** An append could not be written whole nor taken back; the tail is cut at the next start. */
        APPEND_FAILED(Consequence.READ_ONLY),
        /** A line does not match its hash, a link or a range is missing inside the journal. */
        CHAIN_BROKEN(Consequence.DEGRADED),
        /** An index row does not say what its journal line says. */
        INDEX_DISAGREES(Consequence.DEGRADED),
        /** The digest writer refused to sign: the chain it would sign does not verify. */
        DIGEST_REFUSED(Consequence.DEGRADED);

        private final Consequence consequence;

        Kind(Consequence consequence) {
            this.consequence = consequence;
        }

        public Consequence consequence() {
            return consequence;
        }
    }

    public boolean readOnly() {
        return kind.consequence() == Consequence.READ_ONLY;
    }

    /** One line for logs, health and problem details. */
    public String describe() {
        return kind + (seq > 0 ? " at seq " + seq : "") + ": " + message;
    }
}
