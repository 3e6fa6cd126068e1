package dev.strongroom.keys;

import dev.strongroom.audit.AuditAction;

/** The audit actions of key custody and rotation (docs/audit-format.md lists them with the others). */
public enum KeyAction implements AuditAction {
    /** A fresh vault made its first key. */
    CREATE("key.create"),
    /** A key from before key histories became the first key of the history. */
    REGISTER("key.register"),
    /** The key the history names is not on the volume and could not be brought back: signing refused. */
    MISSING("key.missing"),
    /** The key was brought back (from the volume or the bucket); signing resumes. */
    RESTORE("key.restore"),
    /** A key's envelope reached the bucket, or failed to. */
    BACKUP("key.backup"),
    /** An admin looked at the key status. */
    VIEW("key.view"),
    /** An admin asked for a rotation. */
    ROTATION_REQUEST("key.rotate.request"),
    /** A second admin approved: the rotation's intent, journaled before anything changes. */
    ROTATION_INTENT("key.rotate.intent"),
    /** The rotation took effect (or, with a failure outcome, was abandoned). */
    ROTATION("key.rotate");

    private final String action;

    KeyAction(String action) {
        this.action = action;
    }

    /** The action as the journal spells it. */
    @Override
    public String action() {
        return action;
    }
}
