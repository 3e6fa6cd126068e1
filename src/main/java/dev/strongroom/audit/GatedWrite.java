package dev.strongroom.audit;

/**
 * The changes of state that the {@link WriteGate} stops while the audit journal cannot take them
 * (read-only after a finding) or the data volume is too full to record them. Reads are never gated,
 * nor are restores and reconciles: they are how an operator repairs a vault.
 */
public enum GatedWrite {
    UPLOAD("the upload"),
    LEGAL_HOLD("the legal hold change"),
    DISPOSAL("the disposal"),
    USER_CHANGE("the user change"),
    BACKUP_RUN("the backup run");

    private final String description;

    GatedWrite(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
