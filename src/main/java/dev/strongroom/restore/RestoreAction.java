package dev.strongroom.restore;

import dev.strongroom.audit.AuditAction;

/** The audit actions of a restore from S3. */
public enum RestoreAction implements AuditAction {

    COMPLETE("restore.complete");

    private final String action;

    RestoreAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
