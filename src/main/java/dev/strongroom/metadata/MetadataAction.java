package dev.strongroom.metadata;

import dev.strongroom.audit.AuditAction;

/** The audit actions of metadata extraction and previews. */
public enum MetadataAction implements AuditAction {

    EXTRACT("metadata.extract"),
    DEFER("metadata.defer"),
    SYNC("metadata.sync"),
    PREVIEW("document.preview");

    private final String action;

    MetadataAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
