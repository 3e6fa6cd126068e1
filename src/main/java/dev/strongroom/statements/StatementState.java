package dev.strongroom.statements;

/** Where a statement's processing stands. */
public enum StatementState {
    /** Uploaded; its validation has not been taken in yet (from the Lambda's sidecar, or the vault's own lane). */
    RECEIVED,
    /** The file broke the schema: kept as a record, its row errors listed, nothing of it loaded. Final. */
    INVALID,
    /** Valid, but the account's period is already covered by another statement: not loaded. Final. */
    DUPLICATE,
    /** Its lines are in the catalog; matching comes next. */
    LOADED,
    /** Lines matched to receipts (the analyst may still confirm or change matches); report made. */
    RECONCILED;

    /** Nothing more happens to it by itself but its report and notification. */
    public boolean processed() {
        return this == INVALID || this == DUPLICATE || this == RECONCILED;
    }
}
