package dev.strongroom.audit;

import dev.strongroom.audit.AuditAction;

/** The audit actions of the audit trail itself: its reads, exports, checks, digests and repairs. */
public enum AuditLogAction implements AuditAction {

    SEARCH("audit.search"),
    EXPORT("audit.export"),
    EXPORT_CHECK("audit.export.check"),
    VERIFY("audit.verify"),
    GAP("audit.gap"),
    GAP_PROPOSE("audit.gap.propose"),
    JOURNAL_TAIL_CUT("audit.journal.tail-cut"),
    DIGEST("audit.digest"),
    DIGEST_VIEW("audit.digest.view"),
    /** A digest refused over a chain that does not verify: an integrity failure (metric, alarm). */
    DIGEST_REFUSED("audit.digest.refused"),
    CLOUDWATCH_CHECK("audit.cloudwatch.check"),
    CLOUDWATCH_CHECKS("audit.cloudwatch.checks"),
    CLOUDWATCH_STATUS("audit.cloudwatch.status"),
    RECOVERY_RECHECK("audit.recovery.recheck"),
    RECOVERY_RESTORE_TAIL("audit.recovery.restore-tail"),
    RECOVERY_UPLOADS_AFTER_BACKUP("audit.recovery.uploads-after-backup"),
    PACKAGE("audit.package");

    private final String action;

    AuditLogAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
