package dev.strongroom.web;

import dev.strongroom.audit.AuditAction;

/** The audit actions on saved views of the document list. */
public enum ViewAction implements AuditAction {

    SAVE("view.save"),
    DELETE("view.delete");

    private final String action;

    ViewAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
