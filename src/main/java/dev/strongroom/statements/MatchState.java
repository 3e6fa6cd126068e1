package dev.strongroom.statements;

/** Where a statement line stands with its receipts. */
public enum MatchState {
    /** No receipt found: a missing receipt, flagged in the reconciliation report. */
    UNMATCHED,
    /** Receipts are offered (several fit about as well, or none fits well enough alone); an analyst decides. */
    SUGGESTED,
    /** The matcher settled on one receipt with high confidence. */
    MATCHED,
    /** An analyst confirmed the receipt(s) backing the line. */
    CONFIRMED;

    /** Backed by receipts: matched by the matcher or confirmed by a person. */
    public boolean settled() {
        return this == MATCHED || this == CONFIRMED;
    }
}
