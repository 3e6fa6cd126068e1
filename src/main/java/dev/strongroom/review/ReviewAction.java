package dev.strongroom.review;

import dev.strongroom.audit.AuditAction;

/** The audit actions of the metadata review queue and its corrections. */
public enum ReviewAction implements AuditAction {

    LIST("metadata.review.list"),
    FIELDS_VIEW("metadata.fields.view"),
    CORRECT_INTENT("metadata.correct.intent"),
    CORRECT("metadata.correct");

    private final String action;

    ReviewAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
