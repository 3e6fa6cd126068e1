package dev.strongroom.writeahead;

import dev.strongroom.audit.AuditAction;

/** The audit actions of the write-ahead machinery itself. */
public enum WriteAheadAction implements AuditAction {

    /** The start-up replay: which journal range it settled and how. */
    REPLAY("change.replay"),
    /** A rebuild of the catalog's changes from the journal. */
    REBUILD("change.rebuild");

    private final String action;

    WriteAheadAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
