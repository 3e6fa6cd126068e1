package dev.strongroom.catalog;

import dev.strongroom.audit.AuditAction;

/** The audit actions on documents in the catalog and the blob store. */
public enum DocumentAction implements AuditAction {

    UPLOAD("document.upload"),
    SEARCH("document.search"),
    VIEW("document.view"),
    DOWNLOAD("document.download"),
    EDIT_INTENT("document.edit.intent"),
    EDIT("document.edit"),
    RECOVER("catalog.recover"),
    SCRUB("store.scrub");

    private final String action;

    DocumentAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
