package dev.strongroom.snapshots;

import dev.strongroom.audit.AuditAction;

/** The audit actions of EBS snapshots, volume restores and the reconcile after one. */
public enum SnapshotAction implements AuditAction {

    LIST("snapshot.list"),
    STATUS("snapshot.status"),
    STATUS_READ("snapshot.status.read"),
    RESTORE("snapshot.restore"),
    RESTORE_CREATE_VOLUME("snapshot.restore.create-volume"),
    RESTORE_WAIT_AVAILABLE("snapshot.restore.wait-available"),
    RESTORE_ATTACH("snapshot.restore.attach"),
    RESTORE_WAIT_ATTACHED("snapshot.restore.wait-attached"),
    RESTORE_ATTACHED("snapshot.restore.attached"),
    RESTORE_JOURNAL_REPLAY("snapshot.restore.journal-replay"),
    RECONCILE("snapshot.reconcile"),
    RECONCILE_START("snapshot.reconcile.start"),
    RECONCILE_CATALOG("snapshot.reconcile.catalog"),
    RECONCILE_BLOBS("snapshot.reconcile.blobs"),
    RECONCILE_JOURNAL("snapshot.reconcile.journal");

    private final String action;

    SnapshotAction(String action) {
        this.action = action;
    }

    /** The action of one step of a volume restore ({@code create-volume}, {@code attach} ...): its failure is audited under it. */
    static SnapshotAction restoreStep(String step) {
        for (SnapshotAction action : values()) {
            if (action.action.equals(RESTORE.action + "." + step)) {
                return action;
            }
        }
        throw new IllegalArgumentException("no restore step " + step);
    }

    @Override
    public String action() {
        return action;
    }
}
