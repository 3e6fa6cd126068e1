package dev.strongroom.retention;

import dev.strongroom.audit.AuditAction;

/** Audit actions of retention that are not changes written ahead ({@link RetentionChange}). */
public enum RetentionAction implements AuditAction {

    /** A host took the bytes of a document disposed of elsewhere off its volume ({@link DisposedBytesSweep}). */
    DISPOSED_BYTES_REMOVED("document.dispose.bytes-removed");

    private final String action;

    RetentionAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
