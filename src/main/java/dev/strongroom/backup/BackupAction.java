package dev.strongroom.backup;

import dev.strongroom.audit.AuditAction;

/** The audit actions of backups to S3 and the repairs read back from them. */
public enum BackupAction implements AuditAction {

    RUN("backup.run"),
    CLAIM("backup.claim"),
    CLAIM_REFUSED("backup.claim.refused"),
    RUN_START("backup.run.start"),
    RUN_LIST("backup.run.list"),
    RUN_VIEW("backup.run.view"),
    STATUS("backup.status"),
    POSTURE("backup.posture"),
    SPOT_CHECK("backup.spot-check"),
    DOCUMENT_REPAIR("document.repair"),
    DOCUMENT_WRITE_THROUGH("document.write-through");

    private final String action;

    BackupAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
